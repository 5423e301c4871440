import Foundation
import LayerOptions

/// Esri Leaflet's `Query` task against an Image Service's raster catalog. It starts from
/// `returnGeometry=true&where=1=1&outSR=4326&outFields=*`; parameters keep the order in
/// which they were first set.
public struct QueryTask: Sendable {
    /// What the query returns.
    public enum Result: Sendable {
        /// The catalog items (`run`).
        case features
        /// Their number only (`count`: `returnCountOnly=true`).
        case count
        /// Their object ids only (`ids`: `returnIdsOnly=true`).
        case ids
        /// Their extent only (`bounds`: `returnExtentOnly=true`).
        case extent
    }

    /// The layer (service) options: url, token, proxy, useCors, requestParams.
    public let options: LayerOptions
    /// The parameters as set so far, in order.
    public private(set) var parameters: JSONObject = [
        "returnGeometry": true, "where": "1=1", "outSR": 4326, "outFields": "*",
    ]

    public init(options: LayerOptions) { self.options = options }

    /// The SQL filter on catalog fields.
    public mutating func `where`(_ clause: String) { parameters["where"] = .string(clause) }

    /// The fields to return (`outFields`).
    public mutating func fields(_ names: [String]) { parameters["outFields"] = .array(names.map(JSONValue.string)) }

    /// Only these object ids (`objectIds`).
    public mutating func featureIds(_ ids: [Int]) { parameters["objectIds"] = .array(ids.map { .number(Double($0)) }) }

    /// Whether footprints are returned.
    public mutating func returnGeometry(_ flag: Bool) { parameters["returnGeometry"] = .bool(flag) }

    /// At most this many items (`resultRecordCount`).
    public mutating func limit(_ count: Int) { parameters["resultRecordCount"] = .number(Double(count)) }

    /// Skip this many items (`resultOffset`).
    public mutating func offset(_ count: Int) { parameters["resultOffset"] = .number(Double(count)) }

    /// Sort by a field, ascending unless `descending`; successive calls add sort keys.
    public mutating func orderBy(_ field: String, descending: Bool = false) {
        let key = field + (descending ? " DESC" : " ASC")
        if case .string(let existing)? = parameters["orderByFields"] {
            parameters["orderByFields"] = .string(existing + "," + key)
        } else {
            parameters["orderByFields"] = .string(key)
        }
    }

    /// Only rasters of this time range (epoch milliseconds, sent as `from,to`).
    public mutating func between(_ from: Date, _ to: Date) {
        parameters["time"] = [.number(Timestamp.epochMilliseconds(from)), .number(Timestamp.epochMilliseconds(to))]
    }

    /// Only rasters visible at this pixel size (`pixelSize=x,y`).
    public mutating func pixelSize(x: Double, y: Double) { parameters["pixelSize"] = [.number(x), .number(y)] }

    /// The request for `result` (`f=json`, through the service's rules).
    public func request(returning result: Result = .features, callbacks: inout JSONPCallbackNames) -> PlannedRequest {
        var parameters = parameters
        switch result {
        case .features: break
        case .count: parameters["returnCountOnly"] = true
        case .ids: parameters["returnIdsOnly"] = true
        case .extent: parameters["returnExtentOnly"] = true
        }
        return ServiceRequestBuilder(options: options).request(path: "query", parameters: parameters, transport: .automatic,
                                                               caller: .task, callbacks: &callbacks)
    }
}
