/// A static map to draw: its size, what it shows (a centre and zoom as a Leaflet map's
/// `setView`, or an exact bounding box), its layers bottom to top as added to the map,
/// extra panes, and points to identify.
///
/// The JSON form is the command line's input:
/// ```json
/// { "size": [500, 500], "center": [37.75, -122.45], "zoom": 12,
///   "layers": [{ "url": "https://host/arcgis/rest/services/Name/ImageServer", "opacity": 0.5 }],
///   "panes": { "custom": 450 }, "clicks": [[37.75, -122.45]] }
/// ```
public struct MapSpec: Sendable, Equatable {
    /// What part of the world the map shows.
    public enum Viewport: Sendable, Equatable {
        /// Leaflet's `setView(center, zoom)`; the zoom may be fractional.
        case center(LatLng, zoom: Double)
        /// Exactly this extent in degrees, widened on one axis so that pixels stay square.
        /// `west > east` means the box crosses the antimeridian.
        case bounds(west: Double, south: Double, east: Double, north: Double)
    }

    /// The largest width or height accepted, in CSS pixels.
    public static let maximumDimension = 10_000
    /// The zoom levels accepted.
    public static let zoomRange = 0.0...30.0

    /// Width in CSS pixels.
    public var width: Int
    /// Height in CSS pixels.
    public var height: Int
    /// What the map shows.
    public var viewport: Viewport
    /// The layers in the order they are added to the map.
    public var layers: [LayerOptions]
    /// Panes the map creates beyond Leaflet's own, in creation order.
    public var panes: [MapPane]
    /// Points to identify, in order.
    public var clicks: [LatLng]

    /// The top-level keys a map spec may use.
    public static let jsonKeys = ["size", "center", "zoom", "bbox", "layers", "panes", "clicks"]

    public init(width: Int, height: Int, viewport: Viewport, layers: [LayerOptions], panes: [MapPane] = [], clicks: [LatLng] = []) {
        self.width = width
        self.height = height
        self.viewport = viewport
        self.layers = layers
        self.panes = panes
        self.clicks = clicks
    }

    /// Reads a map spec from JSON text.
    public static func parse(_ text: String) throws(MapSpecError) -> MapSpec {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .syntax(error) }
        do { return try MapSpec(json: json) } catch { throw .option(error) }
    }

    /// Reads a map spec from parsed JSON; errors carry the JSON path (`layers[1].opacity`).
    public init(json: JSONValue) throws(OptionError) {
        let object = try json.object(at: "(spec)", expected: "expected an object with size, center and zoom (or bbox), and layers")
        try object.refuseUnknownKeys(Self.jsonKeys, kind: "key")
        (width, height) = try Self.size(object, required: "a map spec needs \"size\": [width, height] in CSS pixels")
        viewport = try Self.viewport(object)
        panes = try Self.panes(object["panes"])

        guard case .array(let layerValues)? = object["layers"], !layerValues.isEmpty else {
            throw OptionError(path: "layers", value: object["layers"] ?? .null, allowed: "expected an array of at least one layer object")
        }
        var layers: [LayerOptions] = []
        for (index, value) in layerValues.enumerated() {
            do { layers.append(try LayerOptions(json: value)) } catch { throw error.nested(under: "layers[\(index)]") }
        }
        self.layers = layers

        var clicks: [LatLng] = []
        if let value = object["clicks"] {
            guard case .array(let points) = value else {
                throw OptionError(path: "clicks", value: value, allowed: "expected an array of [lat, lng] points")
            }
            for (index, point) in points.enumerated() {
                clicks.append(try Self.latLng(point, path: "clicks[\(index)]"))
            }
        }
        self.clicks = clicks
    }

    /// The `size` member: `[width, height]`, whole numbers from 1 to ``maximumDimension``.
    static func size(_ object: JSONObject, required why: String) throws(OptionError) -> (width: Int, height: Int) {
        let size = try object.required("size", why)
        let dimensions = try numbers(size, path: "size", count: 2, allowed: "expected [width, height], whole numbers from 1 to \(maximumDimension)")
        for (index, dimension) in dimensions.enumerated()
        where dimension != dimension.rounded() || !(1...Double(maximumDimension)).contains(dimension) {
            throw OptionError(path: "size[\(index)]", value: .number(dimension), allowed: "expected a whole number of pixels from 1 to \(maximumDimension)")
        }
        return (Int(dimensions[0]), Int(dimensions[1]))
    }

    private static func viewport(_ object: JSONObject) throws(OptionError) -> Viewport {
        switch (object["center"], object["zoom"], object["bbox"]) {
        case let (center?, zoom?, nil):
            guard case .number(let level) = zoom, zoomRange.contains(level) else {
                throw OptionError(path: "zoom", value: zoom, allowed: "expected a zoom level from 0 to 30 (fractions allowed)")
            }
            return .center(try latLng(center, path: "center"), zoom: level)
        case let (nil, nil, bbox?):
            let edges = try numbers(bbox, path: "bbox", count: 4, allowed: "expected [west, south, east, north] in degrees")
            let (west, south, east, north) = (edges[0], edges[1], edges[2], edges[3])
            for (index, longitude) in [(0, west), (2, east)] where !(-360...360).contains(longitude) {
                throw OptionError(path: "bbox[\(index)]", value: .number(longitude), allowed: "expected a longitude from -360 to 360")
            }
            for (index, latitude) in [(1, south), (3, north)] where !(-90...90).contains(latitude) {
                throw OptionError(path: "bbox[\(index)]", value: .number(latitude), allowed: "expected a latitude from -90 to 90")
            }
            guard south < north else {
                throw OptionError(path: "bbox", value: bbox, allowed: "south (bbox[1]) must be below north (bbox[3])")
            }
            let span = west < east ? east - west : east + 360 - west
            guard west != east, span <= 360 else {
                throw OptionError(path: "bbox", value: bbox, allowed: "west and east must differ and span at most 360 degrees (west > east crosses the antimeridian)")
            }
            return .bounds(west: west, south: south, east: east, north: north)
        case (_, _, _?):
            throw OptionError(path: "bbox", given: "bbox together with center or zoom",
                              allowed: "give either \"center\" and \"zoom\", or \"bbox\" alone")
        default:
            throw OptionError(path: object["center"] == nil ? "center" : "zoom", given: "nothing",
                              allowed: "a map spec needs \"center\": [lat, lng] with \"zoom\", or \"bbox\": [west, south, east, north]")
        }
    }

    private static func panes(_ value: JSONValue?) throws(OptionError) -> [MapPane] {
        guard let value else { return [] }
        guard case .object(let object) = value else {
            throw OptionError(path: "panes", value: value, allowed: "expected an object of pane names and z-indexes, e.g. {\"custom\": 450}")
        }
        var panes: [MapPane] = []
        for member in object.members {
            let path = "panes." + member.key
            if let builtIn = MapPane.leafletPanes.first(where: { $0.name == member.key }) {
                throw OptionError(path: path, given: "a redefinition of Leaflet's \(builtIn.name) (z-index \(builtIn.zIndex))",
                                  allowed: "give your pane another name")
            }
            guard !member.key.isEmpty, !member.key.contains(where: \.isWhitespace) else {
                throw OptionError(path: path, given: "the pane name \"\(member.key)\"", allowed: "expected a pane name without spaces")
            }
            guard case .number(let zIndex) = member.value, zIndex == zIndex.rounded(), zIndex.magnitude < 1e9 else {
                throw OptionError(path: path, value: member.value, allowed: "expected an integer z-index, e.g. 450")
            }
            panes.append(MapPane(name: member.key, zIndex: Int(zIndex)))
        }
        return panes
    }

    private static func latLng(_ value: JSONValue, path: String) throws(OptionError) -> LatLng {
        let point = try numbers(value, path: path, count: 2, allowed: "expected [lat, lng] in degrees")
        guard (-90...90).contains(point[0]) else {
            throw OptionError(path: path + "[0]", value: .number(point[0]), allowed: "expected a latitude from -90 to 90")
        }
        guard (-360...360).contains(point[1]) else {
            throw OptionError(path: path + "[1]", value: .number(point[1]), allowed: "expected a longitude from -360 to 360")
        }
        return LatLng(latitude: point[0], longitude: point[1])
    }

    static func numbers(_ value: JSONValue, path: String, count: Int, allowed: String) throws(OptionError) -> [Double] {
        guard case .array(let elements) = value, elements.count == count else {
            throw OptionError(path: path, value: value, allowed: allowed)
        }
        var numbers: [Double] = []
        for (index, element) in elements.enumerated() {
            guard case .number(let number) = element else {
                throw OptionError(path: "\(path)[\(index)]", value: element, allowed: allowed)
            }
            numbers.append(number)
        }
        return numbers
    }
}

/// A map spec that could not be read: bad JSON, or a refused value at a JSON path.
public enum MapSpecError: Error, CustomStringConvertible, Equatable {
    case syntax(JSONSyntaxError)
    case option(OptionError)

    public var description: String {
        switch self {
        case .syntax(let error): "map spec: \(error)"
        case .option(let error): "map spec: \(error)"
        }
    }
}
