import LayerOptions

/// ArcGIS features converted to GeoJSON as Esri Leaflet's `responseToFeatureCollection`
/// does (with Terraformer's `arcgisToGeoJSON`): features in **reverse** order, the id
/// taken from the response's object-id field, polygons with GeoJSON's ring orientation.
struct FeatureCollection {
    private(set) var features: [JSONObject]

    /// Converts an ArcGIS FeatureSet (`{"objectIdFieldName", "fields", "features"}`).
    init(arcGIS featureSet: JSONObject) {
        let idField = FeatureCollection.idField(of: featureSet)
        guard case .array(let arcGISFeatures)? = featureSet["features"] else {
            features = []
            return
        }
        features = arcGISFeatures.reversed().compactMap { value in
            guard case .object(let feature) = value else { return nil }
            return FeatureCollection.feature(feature, idField: idField)
        }
    }

    var json: JSONValue { ["type": "FeatureCollection", "features": .array(features.map(JSONValue.object))] }

    mutating func setProperty(_ name: String, to value: JSONValue, ofFeature index: Int) {
        var properties = features[index]["properties"].flatMap(IdentifyResult.object) ?? JSONObject()
        properties[name] = value
        features[index]["properties"] = .object(properties)
    }

    /// `objectIdFieldName`, else the `esriFieldTypeOID` field's name.
    private static func idField(of featureSet: JSONObject) -> String? {
        if case .string(let name)? = featureSet["objectIdFieldName"] { return name }
        guard case .array(let fields)? = featureSet["fields"] else { return nil }
        for case .object(let field) in fields where field["type"] == "esriFieldTypeOID" {
            if case .string(let name)? = field["name"] { return name }
        }
        return nil
    }

    private static func feature(_ feature: JSONObject, idField: String?) -> JSONObject {
        let attributes = feature["attributes"].flatMap(IdentifyResult.object)
        var geoJSON: JSONObject = [
            "type": "Feature",
            "geometry": feature["geometry"].flatMap(IdentifyResult.object).map(geometry) ?? .null,
            "properties": attributes.map(JSONValue.object) ?? .null,
        ]
        if let attributes {
            let fallback = attributes.keys.first { ["OBJECTID", "FID", "OID", "ID"].contains($0.uppercased()) }
            for key in [idField ?? fallback, "OBJECTID", "FID"].compactMap({ $0 }) {
                if let id = attributes[key], case .number = id { geoJSON["id"] = id; break }
                if let id = attributes[key], case .string = id { geoJSON["id"] = id; break }
            }
        }
        return geoJSON
    }

    /// Points, and polygons (ArcGIS outer rings run clockwise, GeoJSON's counter-clockwise;
    /// each hole goes with the outer ring that contains it).
    private static func geometry(_ geometry: JSONObject) -> JSONValue {
        if let x = geometry["x"], let y = geometry["y"] { return ["type": "Point", "coordinates": [x, y]] }
        guard case .array(let ringValues)? = geometry["rings"] else { return .null }
        var outers: [[[Double]]] = []
        var polygons: [[[[Double]]]] = []
        var holes: [[[Double]]] = []
        for case .array(let pointValues) in ringValues {
            var ring = pointValues.compactMap { value -> [Double]? in
                guard case .array(let coordinates) = value else { return nil }
                let numbers = coordinates.compactMap { if case .number(let n) = $0 { n } else { nil } }
                return numbers.count >= 2 ? numbers : nil
            }
            if let first = ring.first, ring.last != first { ring.append(first) }
            guard ring.count >= 4 else { continue }
            if signedArea(ring) < 0 {
                outers.append(ring)
                polygons.append([ring.reversed()])
            } else {
                holes.append(ring.reversed())
            }
        }
        for hole in holes {
            if let index = outers.firstIndex(where: { contains($0, hole[0]) }) {
                polygons[index].append(hole)
            } else {
                polygons.append([hole.reversed()])
            }
        }
        let coordinates = polygons.map { rings in JSONValue.array(rings.map { ring in .array(ring.map { .array($0.map(JSONValue.number)) }) }) }
        if coordinates.count == 1, case .array(let rings) = coordinates[0] { return ["type": "Polygon", "coordinates": .array(rings)] }
        return ["type": "MultiPolygon", "coordinates": .array(coordinates)]
    }

    /// Twice the signed area: negative for a clockwise ring (y up).
    private static func signedArea(_ ring: [[Double]]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0[0] * $1.1[1] - $1.1[0] * $1.0[1]) }
    }

    /// Whether `point` lies inside `ring` (even-odd rule).
    private static func contains(_ ring: [[Double]], _ point: [Double]) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) where (a[1] > point[1]) != (b[1] > point[1]) {
            if point[0] < (b[0] - a[0]) * (point[1] - a[1]) / (b[1] - a[1]) + a[0] { inside.toggle() }
        }
        return inside
    }
}
