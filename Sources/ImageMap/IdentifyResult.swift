import LayerOptions

/// An identify answer shaped as Esri Leaflet's `IdentifyImage.run` shapes it: the pixel as
/// a GeoJSON Feature and the catalog items as a GeoJSON FeatureCollection.
///
/// Esri Leaflet's shape is kept exactly, including two quirks a caller may rely on: the
/// catalog items come in reverse order, and `catalogItemVisibility` is attached by index
/// *after* that reversal (so with two or more items it belongs to another item).
public struct IdentifyResult: Sendable, Equatable {
    /// `{"pixel": Feature, "catalogItems"?: FeatureCollection}`.
    public let geoJSON: JSONValue

    /// The pixel value as the service wrote it: `"12.5"`, `"879, 1114, 1032, 975"`, `"NoData"`.
    public var value: String? {
        guard case .string(let value)? = pixel?["properties"].flatMap(Self.object)?["value"] else { return nil }
        return value
    }

    /// The per-item values (`properties.Values` of the response), if the service sent them.
    public var values: [String]? {
        guard case .array(let values)? = pixel?["properties"].flatMap(Self.object)?["values"] else { return nil }
        return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The pixel Feature.
    public var pixel: JSONObject? { Self.object(geoJSON) .flatMap { $0["pixel"] }.flatMap(Self.object) }

    /// Shapes an identify response.
    public init(response: JSONValue) {
        let object = Self.object(response) ?? JSONObject()
        let location = object["location"].flatMap(Self.object) ?? JSONObject()
        var properties: JSONObject = [
            "OBJECTID": object["objectId"] ?? .null, "name": object["name"] ?? .null, "value": object["value"] ?? .null,
        ]
        if case .array(let values)? = object["properties"].flatMap(Self.object)?["Values"] { properties["values"] = .array(values) }
        let pixel: JSONObject = [
            "type": "Feature",
            "geometry": ["type": "Point", "coordinates": [location["x"] ?? .null, location["y"] ?? .null]],
            "crs": ["type": "EPSG", "properties": ["code": location["spatialReference"].flatMap(Self.object)?["wkid"] ?? .null]],
            "properties": .object(properties),
            "id": object["objectId"] ?? .null,
        ]
        var result: JSONObject = ["pixel": .object(pixel)]
        if let items = object["catalogItems"].flatMap(Self.object), case .array? = items["features"] {
            var collection = FeatureCollection(arcGIS: items)
            if case .array(let visibilities)? = object["catalogItemVisibilities"], visibilities.count == collection.features.count {
                for index in visibilities.indices {
                    collection.setProperty("catalogItemVisibility", to: visibilities[index], ofFeature: index)
                }
            }
            result["catalogItems"] = collection.json
        }
        geoJSON = .object(result)
    }

    static func object(_ value: JSONValue) -> JSONObject? {
        if case .object(let object) = value { object } else { nil }
    }
}
