/// A composition of local image files: the input of `imagemap compose`, for users who
/// already have exported images (and for benchmarking the pixel pipeline).
///
/// ```json
/// { "size": [2048, 2048],
///   "layers": [ { "file": "a.jpg" },
///               { "file": "b.png", "opacity": 0.6, "origin": [0, 0] },
///               { "file": "c.png", "opacity": 0.5, "noData": [0, 0, 0],
///                 "noDataInterpretation": "esriNoDataMatchAll" } ],
///   "format": "png", "quality": 85, "png": "fast" }
/// ```
///
/// Layers are listed bottom first. `opacity`, `noData` and `noDataInterpretation` are read
/// by the same rules, with the same messages, as in a map spec's layers; errors carry the
/// JSON path (`layers[2].noData`), and unknown keys are refused.
public struct ComposeSpec: Sendable, Equatable {
    /// One image file drawn onto the canvas.
    public struct Layer: Sendable, Equatable {
        /// The image file (PNG or JPEG, told apart by its bytes), as written in the spec:
        /// a relative path is relative to the spec's folder.
        public var file: String
        /// Canvas column of the image's left edge (negative: cut off on the left).
        public var originX: Int
        /// Canvas row of the image's top edge (negative: cut off at the top).
        public var originY: Int
        /// The layer's opacity, 0...1.
        public var opacity: Double
        /// The pixel values made transparent, or `nil`.
        public var noData: NoDataValue?
        /// How the noData values combine; `nil` leaves ArcGIS's default (MatchAny for one
        /// value, MatchAll for one value per band).
        public var noDataInterpretation: NoDataInterpretation?

        /// The keys a layer object may use.
        public static let jsonKeys = ["file", "origin", "opacity", "noData", "noDataInterpretation"]

        /// A layer drawing `file` with its top-left corner at (`originX`, `originY`).
        public init(file: String, originX: Int = 0, originY: Int = 0, opacity: Double = 1,
                    noData: NoDataValue? = nil, noDataInterpretation: NoDataInterpretation? = nil) {
            self.file = file
            self.originX = originX
            self.originY = originY
            self.opacity = opacity
            self.noData = noData
            self.noDataInterpretation = noDataInterpretation
        }
    }

    /// The output file's format.
    public enum Format: String, Sendable, CaseIterable {
        case png
        case jpg
    }

    /// PNG speed against size.
    public enum PNGCompression: String, Sendable, CaseIterable {
        /// Fast, a few percent larger than libpng's defaults (the default).
        case fast
        /// About 10 % smaller than libpng's defaults, slower.
        case smallest
    }

    /// The largest origin coordinate accepted, in either direction.
    public static let maximumOrigin = 1_000_000_000
    /// The top-level keys a compose spec may use.
    public static let jsonKeys = ["size", "layers", "format", "quality", "png"]

    /// Canvas width in pixels.
    public var width: Int
    /// Canvas height in pixels.
    public var height: Int
    /// The layers, bottom first.
    public var layers: [Layer]
    /// The output format; PNG unless given.
    public var format: Format
    /// JPEG quality, 1...100 (85 unless given); PNG ignores it.
    public var quality: Int
    /// PNG compression; `.fast` unless given. JPEG ignores it.
    public var pngCompression: PNGCompression

    /// A spec from values already checked (``init(json:)`` checks JSON).
    public init(width: Int, height: Int, layers: [Layer], format: Format = .png, quality: Int = 85,
                pngCompression: PNGCompression = .fast) {
        self.width = width
        self.height = height
        self.layers = layers
        self.format = format
        self.quality = quality
        self.pngCompression = pngCompression
    }

    /// Reads a compose spec from JSON text.
    public static func parse(_ text: String) throws(ComposeSpecError) -> ComposeSpec {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw .syntax(error) }
        do { return try ComposeSpec(json: json) } catch { throw .option(error) }
    }

    /// Reads a compose spec from parsed JSON; errors carry the JSON path (`layers[2].noData`).
    public init(json: JSONValue) throws(OptionError) {
        let object = try json.object(at: "(spec)", expected: "expected an object with size and layers")
        try object.refuseUnknownKeys(Self.jsonKeys, kind: "key")
        (width, height) = try MapSpec.size(object, required: "a compose spec needs \"size\": [width, height], the canvas in pixels")

        guard case .array(let layerValues)? = object["layers"], !layerValues.isEmpty else {
            throw OptionError(path: "layers", value: object["layers"] ?? .null,
                              allowed: "expected an array of at least one layer object such as {\"file\": \"a.png\"}, bottom first")
        }
        var layers: [Layer] = []
        for (index, value) in layerValues.enumerated() {
            do { layers.append(try Layer(json: value)) } catch { throw error.nested(under: "layers[\(index)]") }
        }
        self.layers = layers

        let reader = OptionReader(object: object)
        format = try reader.enumeration("format", Format.self) ?? .png
        quality = 85
        if let value = try reader.integer("quality", "expected an integer JPEG quality from 1 to 100") {
            guard (1...100).contains(value) else {
                throw OptionError(path: "quality", given: String(value), allowed: "expected an integer JPEG quality from 1 to 100")
            }
            quality = value
        }
        pngCompression = try reader.enumeration("png", PNGCompression.self) ?? .fast
    }
}

extension ComposeSpec.Layer {
    /// Reads a layer object; errors carry the key as their path (nest them under the layer).
    init(json: JSONValue) throws(OptionError) {
        let object = try json.object(at: "", expected: "expected a layer object such as {\"file\": \"a.png\", \"opacity\": 0.5}")
        try object.refuseUnknownKeys(Self.jsonKeys, kind: "key")
        let fileValue = try object.required("file", "every layer needs the image file to draw, e.g. \"file\": \"a.png\"")
        guard case .string(let file) = fileValue, !file.isEmpty else {
            throw OptionError(path: "file", value: fileValue, allowed: "expected the image file's path as a non-empty string")
        }
        self.init(file: file)
        if let value = object["origin"] {
            let allowed = "expected [x, y], the canvas pixel of the image's top-left corner, whole numbers (may be negative)"
            let point = try MapSpec.numbers(value, path: "origin", count: 2, allowed: allowed)
            for (index, coordinate) in point.enumerated()
            where coordinate != coordinate.rounded() || coordinate.magnitude > Double(ComposeSpec.maximumOrigin) {
                throw OptionError(path: "origin[\(index)]", value: .number(coordinate), allowed: allowed)
            }
            (originX, originY) = (Int(point[0]), Int(point[1]))
        }
        let reader = OptionReader(object: object)
        if let value = try reader.number("opacity", "expected a number from 0 to 1") {
            opacity = try LayerOptions.checkedOpacity(value)
        }
        if let value = object["noData"] { noData = try LayerOptions.noData(value) }
        noDataInterpretation = try reader.enumeration("noDataInterpretation", NoDataInterpretation.self)
    }
}

/// A compose spec that could not be read: bad JSON, or a refused value at a JSON path.
public enum ComposeSpecError: Error, CustomStringConvertible, Equatable {
    /// The text is not JSON.
    case syntax(JSONSyntaxError)
    /// A value is refused; the error names its JSON path.
    case option(OptionError)

    public var description: String {
        switch self {
        case .syntax(let error): "compose spec: \(error)"
        case .option(let error): "compose spec: \(error)"
        }
    }
}
