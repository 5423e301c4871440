import LayerOptions

/// A `geometry` parameter (identify, query) reduced to what these operations use: a point
/// (identify takes a polygon's or envelope's centre) or an envelope, with its reference.
struct InputGeometry: Sendable {
    /// The extent of the geometry (a point has no area).
    let envelope: Envelope
    let reference: SpatialReference

    var centerX: Double { envelope.centerX }
    var centerY: Double { envelope.centerY }

    /// Reads point JSON `{"x":…,"y":…,"spatialReference":…}`, envelope JSON, polygon JSON
    /// (`rings`), multipoint JSON (`points`), or the simple syntaxes `x,y` and
    /// `xmin,ymin,xmax,ymax`. Without a spatial reference the geometry is in `fallback`.
    static func parse(_ text: String, parameter: String, fallback: SpatialReference) throws(ArcGISError) -> InputGeometry {
        if !text.hasPrefix("{") {
            let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingWhitespace) }
            if numbers.allSatisfy({ $0?.isFinite == true }) {
                let values = numbers.compactMap { $0 }
                if values.count == 2 { return InputGeometry(envelope: Envelope(xmin: values[0], ymin: values[1], xmax: values[0], ymax: values[1]), reference: fallback) }
                if values.count == 4 {
                    return InputGeometry(envelope: Envelope(xmin: min(values[0], values[2]), ymin: min(values[1], values[3]),
                                                            xmax: max(values[0], values[2]), ymax: max(values[1], values[3])), reference: fallback)
                }
            }
            throw .invalid("\(parameter): '\(text)' is neither x,y nor geometry JSON such as {\"x\":10,\"y\":45,\"spatialReference\":{\"wkid\":4326}}")
        }
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .invalid("\(parameter): malformed JSON: \(error)") }
        guard case .object(let object) = json else { throw .invalid("\(parameter): expected a geometry object, got \(json.typeDescription)") }
        let reference = try object["spatialReference"].map { (value: JSONValue) throws(ArcGISError) -> SpatialReference in
            try SpatialReference.parse(value, parameter: "\(parameter).spatialReference")
        } ?? fallback
        if case .number(let x)? = object["x"], case .number(let y)? = object["y"] {
            return InputGeometry(envelope: Envelope(xmin: x, ymin: y, xmax: x, ymax: y), reference: reference)
        }
        if let envelope = Envelope(json: json) {
            return InputGeometry(envelope: Envelope(xmin: min(envelope.xmin, envelope.xmax), ymin: min(envelope.ymin, envelope.ymax),
                                                    xmax: max(envelope.xmin, envelope.xmax), ymax: max(envelope.ymin, envelope.ymax)), reference: reference)
        }
        var coordinates: [(Double, Double)] = []
        func collect(_ value: JSONValue) {
            guard case .array(let elements) = value else { return }
            if elements.count >= 2, case .number(let x) = elements[0], case .number(let y) = elements[1] {
                coordinates.append((x, y))
            } else {
                elements.forEach(collect)
            }
        }
        if let rings = object["rings"] { collect(rings) } else if let points = object["points"] { collect(points) }
        guard let first = coordinates.first else {
            throw .invalid("\(parameter): \(json.stringified) is not a point, envelope, polygon or multipoint")
        }
        var envelope = Envelope(xmin: first.0, ymin: first.1, xmax: first.0, ymax: first.1)
        for (x, y) in coordinates { envelope = envelope.union(Envelope(xmin: x, ymin: y, xmax: x, ymax: y)) }
        return InputGeometry(envelope: envelope, reference: reference)
    }
}
