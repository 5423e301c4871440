import LayerOptions
import RequestPlanning

/// The two spatial references this server works in: geographic WGS 84 (EPSG:4326) and
/// Web Mercator (EPSG:3857, also written 102100, 102113 and 900913).
enum SpatialReference: Sendable, Equatable {
    case wgs84
    case webMercator

    /// The WKIDs read as Web Mercator.
    static let webMercatorWKIDs: Set<Int> = [3857, 102100, 102113, 900913]

    /// The reference for a WKID, or `nil` if this server does not know it.
    init?(wkid: Int) {
        if wkid == 4326 {
            self = .wgs84
        } else if SpatialReference.webMercatorWKIDs.contains(wkid) {
            self = .webMercator
        } else {
            return nil
        }
    }

    /// `{"wkid":4326,"latestWkid":4326}` or `{"wkid":102100,"latestWkid":3857}`, as ArcGIS writes them.
    var json: JSONValue {
        switch self {
        case .wgs84: ["wkid": 4326, "latestWkid": 4326]
        case .webMercator: ["wkid": 102100, "latestWkid": 3857]
        }
    }

    /// Metres per unit along the equator: 1 for Web Mercator, the length of a degree for WGS 84.
    var metresPerUnit: Double {
        switch self {
        case .wgs84: SphericalMercator.radius * Double.pi / 180
        case .webMercator: 1
        }
    }

    /// Reads a parameter value: a bare WKID (`4326`, `102100`) or SR JSON
    /// (`{"wkid":3857}`, `{"latestWkid":3857}`).
    static func parse(_ text: String, parameter: String) throws(ArcGISError) -> SpatialReference {
        if let wkid = Int(text) {
            guard let reference = SpatialReference(wkid: wkid) else {
                throw .invalid("\(parameter): wkid \(wkid) is not supported by this server; use 4326 or 3857 (102100)")
            }
            return reference
        }
        guard let json = try? JSONParser.parse(text) else {
            throw .invalid("\(parameter): '\(text)' is neither a WKID nor spatial reference JSON such as {\"wkid\":4326}")
        }
        return try parse(json, parameter: parameter)
    }

    /// Reads a spatial reference JSON object; `wkid` is read first, then `latestWkid`.
    static func parse(_ json: JSONValue, parameter: String) throws(ArcGISError) -> SpatialReference {
        guard case .object(let object) = json else {
            throw .invalid("\(parameter): expected a WKID or an object like {\"wkid\":4326}, got \(json.typeDescription)")
        }
        for key in ["wkid", "latestWkid"] {
            if case .number(let number)? = object[key] {
                guard let reference = SpatialReference(wkid: Int(number)), Double(Int(number)) == number else {
                    throw .invalid("\(parameter): wkid \(JavaScriptNumber.string(number)) is not supported by this server; use 4326 or 3857 (102100)")
                }
                return reference
            }
        }
        if object["wkt"] != nil {
            throw .invalid("\(parameter): spatial references given as WKT are not supported; use {\"wkid\":4326} or {\"wkid\":3857}")
        }
        throw .invalid("\(parameter): \(json.stringified) has no wkid; use {\"wkid\":4326} or {\"wkid\":3857}")
    }
}
