import Foundation
import LayerOptions

/// Esri Leaflet's `IdentifyImage` task: the pixel value(s) at a point. Parameters keep the
/// order in which they were first set, starting with `returnGeometry=false`.
///
/// ```swift
/// var identify = IdentifyImageTask(options: layerOptions)
/// identify.at(LatLng(latitude: 45.51, longitude: -122.66))
/// identify.setMosaicRule(rule)
/// let request = identify.request(callbacks: &names)
/// ```
public struct IdentifyImageTask: Sendable {
    /// The layer (service) options: url, token, proxy, useCors, requestParams.
    public let options: LayerOptions
    /// The parameters as set so far, in order.
    public private(set) var parameters: JSONObject = ["returnGeometry": false]

    public init(options: LayerOptions) { self.options = options }

    /// The point to identify: `geometry={"x":lng,"y":lat,"spatialReference":{"wkid":4326}}`.
    public mutating func at(_ position: LatLng) {
        let geometry: JSONValue = [
            "x": .number(position.longitude), "y": .number(position.latitude), "spatialReference": ["wkid": 4326],
        ]
        parameters["geometry"] = .string(geometry.stringified)
        parameters["geometryType"] = "esriGeometryPoint"
    }

    /// The mosaic rule to identify with.
    public mutating func setMosaicRule(_ rule: JSONObject) { parameters["mosaicRule"] = .object(rule) }

    /// The rendering rule to identify with.
    public mutating func setRenderingRule(_ rule: JSONObject) { parameters["renderingRule"] = .object(rule) }

    /// The pixel size to identify at, `[x, y]` (sent as `x,y`).
    public mutating func setPixelSize(x: Double, y: Double) { parameters["pixelSize"] = [.number(x), .number(y)] }

    /// Whether the catalog items under the point are returned.
    public mutating func returnCatalogItems(_ flag: Bool) { parameters["returnCatalogItems"] = .bool(flag) }

    /// Whether the catalog items' footprints are returned.
    public mutating func returnGeometry(_ flag: Bool) { parameters["returnGeometry"] = .bool(flag) }

    /// Only rasters of this time range (epoch milliseconds, sent as `from,to`).
    public mutating func between(_ from: Date, _ to: Date) {
        parameters["time"] = [.number(Timestamp.epochMilliseconds(from)), .number(Timestamp.epochMilliseconds(to))]
    }

    /// The request: `identify` through the service's rules (GET, POST past 2000
    /// characters, or JSONP without CORS).
    public func request(callbacks: inout JSONPCallbackNames) -> PlannedRequest {
        ServiceRequestBuilder(options: options).request(path: "identify", parameters: parameters, transport: .automatic,
                                                        caller: .task, callbacks: &callbacks)
    }

    /// The identify a layer's popup sends for a click: `at(point)` with the layer's
    /// mosaicRule — deliberately not its renderingRule, so the raw pixel values come back.
    public static func popup(for options: LayerOptions, at position: LatLng) -> IdentifyImageTask {
        var task = IdentifyImageTask(options: options)
        task.at(position)
        if let rule = options.mosaicRule { task.setMosaicRule(rule) }
        return task
    }
}
