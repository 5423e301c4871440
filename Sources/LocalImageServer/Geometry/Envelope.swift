import LayerOptions
import RequestPlanning

/// An axis-aligned rectangle in some spatial reference.
struct Envelope: Sendable, Equatable {
    var xmin: Double
    var ymin: Double
    var xmax: Double
    var ymax: Double

    var width: Double { xmax - xmin }
    var height: Double { ymax - ymin }
    var centerX: Double { (xmin + xmax) / 2 }
    var centerY: Double { (ymin + ymax) / 2 }

    /// Whether the two rectangles share any area or edge.
    func intersects(_ other: Envelope) -> Bool {
        xmin <= other.xmax && other.xmin <= xmax && ymin <= other.ymax && other.ymin <= ymax
    }

    /// Whether the point lies inside or on the edge.
    func contains(x: Double, y: Double) -> Bool {
        x >= xmin && x <= xmax && y >= ymin && y <= ymax
    }

    /// The smallest envelope holding both.
    func union(_ other: Envelope) -> Envelope {
        Envelope(xmin: min(xmin, other.xmin), ymin: min(ymin, other.ymin),
                 xmax: max(xmax, other.xmax), ymax: max(ymax, other.ymax))
    }

    /// The envelope in another reference. Both references map longitude to x and latitude
    /// to y independently, so converting the corners is exact; latitudes beyond Web
    /// Mercator's limit are clamped to it.
    func converted(from source: SpatialReference, to target: SpatialReference) -> Envelope {
        if source == target { return self }
        let west = Projection.longitude(x: xmin, in: source), east = Projection.longitude(x: xmax, in: source)
        let south = Projection.latitude(y: ymin, in: source), north = Projection.latitude(y: ymax, in: source)
        let limit = target == .webMercator ? SphericalMercator.maxLatitude : 90
        let clamp = { (latitude: Double) in max(-limit, min(limit, latitude)) }
        return Envelope(xmin: Projection.x(longitude: west, in: target), ymin: Projection.y(latitude: clamp(south), in: target) ?? 0,
                        xmax: Projection.x(longitude: east, in: target), ymax: Projection.y(latitude: clamp(north), in: target) ?? 0)
    }

    /// `{"xmin":…,"ymin":…,"xmax":…,"ymax":…,"spatialReference":{…}}`.
    func json(_ reference: SpatialReference) -> JSONValue {
        ["xmin": .number(xmin), "ymin": .number(ymin), "xmax": .number(xmax), "ymax": .number(ymax),
         "spatialReference": reference.json]
    }

    /// The footprint polygon `{"rings":[[…]],"spatialReference":{…}}`, clockwise as ArcGIS
    /// writes outer rings.
    func polygonJSON(_ reference: SpatialReference?) -> JSONValue {
        let ring: [JSONValue] = [[.number(xmin), .number(ymin)], [.number(xmin), .number(ymax)],
                                 [.number(xmax), .number(ymax)], [.number(xmax), .number(ymin)],
                                 [.number(xmin), .number(ymin)]]
        var polygon: JSONObject = ["rings": [.array(ring)]]
        if let reference { polygon["spatialReference"] = reference.json }
        return .object(polygon)
    }

    /// Reads `{"xmin":…,…}` (numbers) from a JSON object; `nil` if any corner is missing.
    init?(json: JSONValue) {
        guard case .object(let object) = json,
              case .number(let xmin)? = object["xmin"], case .number(let ymin)? = object["ymin"],
              case .number(let xmax)? = object["xmax"], case .number(let ymax)? = object["ymax"] else { return nil }
        self.init(xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax)
    }

    init(xmin: Double, ymin: Double, xmax: Double, ymax: Double) {
        self.xmin = xmin
        self.ymin = ymin
        self.xmax = xmax
        self.ymax = ymax
    }
}
