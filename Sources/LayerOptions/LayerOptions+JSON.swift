extension LayerOptions {
    /// The option names a layer object of a map spec may use: Esri Leaflet's own.
    public static let jsonKeys = [
        "url", "format", "f", "opacity", "pane", "zIndex", "position", "minZoom", "maxZoom", "bandIds",
        "noData", "noDataInterpretation", "pixelType", "renderingRule", "mosaicRule", "token", "proxy",
        "useCors", "from", "to", "interpolation", "compressionQuality", "transparent", "requestParams",
        "attribution", "withCredentials",
    ]

    /// Reads a layer object of a map spec, e.g. `{"url": "…/ImageServer", "opacity": 0.5}`.
    /// Errors carry the option's name as their path; nest them under the layer's own path.
    public init(json: JSONValue) throws(OptionError) {
        let object = try json.object(at: "", expected: "expected a layer object such as {\"url\": \"https://host/arcgis/rest/services/Name/ImageServer\"}")
        try object.refuseUnknownKeys(Self.jsonKeys, kind: "option")
        let url = try object.required("url", "every layer needs the url of its ImageServer")
        try self.init(url: Self.string(url, "url", "expected the ImageServer URL as a string"))
        let urlHadQuery = !requestParams.members.isEmpty
        let reader = OptionReader(object: object)

        if let value = object["format"] { format = try ExportImageFormat(parsing: Self.string(value, "format", "expected a format name such as \"jpgpng\" or \"png\"")) }
        if let value = try reader.enumeration("f", ResponseFormat.self) { f = value }
        if let value = try reader.number("opacity", "expected a number from 0 to 1") { try setOpacity(value) }
        if let value = object["pane"] { try setPane(Self.string(value, "pane", "expected a pane name such as \"overlayPane\"")) }
        zIndex = try reader.integer("zIndex", "expected an integer z-index")
        if let value = try reader.enumeration("position", LayerPosition.self) { position = value }
        try setZoomRange(min: reader.number("minZoom", "expected a zoom level of 0 or more"),
                         max: reader.number("maxZoom", "expected a zoom level of 0 or more"))
        if let value = object["bandIds"] { bandIds = try Self.bandIds(value) }
        if let value = object["noData"] { noData = try Self.noData(value) }
        noDataInterpretation = try reader.enumeration("noDataInterpretation", NoDataInterpretation.self)
        pixelType = try reader.enumeration("pixelType", PixelType.self)
        renderingRule = try reader.rule("renderingRule")
        mosaicRule = try reader.rule("mosaicRule")
        if let value = object["token"] { try setToken(Self.string(value, "token", "expected the token as a string")) }
        if let value = object["proxy"] { try setProxy(Self.string(value, "proxy", "expected a proxy URL as a string")) }
        if let value = try reader.boolean("useCors") { useCors = value }
        try setTimeRange(from: object["from"].map { value throws(OptionError) in try Timestamp.date(from: value, path: "from") },
                         to: object["to"].map { value throws(OptionError) in try Timestamp.date(from: value, path: "to") })
        interpolation = try reader.enumeration("interpolation", Interpolation.self)
        try setCompressionQuality(reader.integer("compressionQuality", "expected an integer from 0 to 100"))
        if let value = try reader.boolean("transparent") { transparent = value }
        if let value = object["requestParams"], !urlHadQuery {
            guard case .object(let parameters) = value else {
                throw OptionError(path: "requestParams", value: value, allowed: "expected an object of parameter names and values, e.g. {\"foo\": \"bar\"}")
            }
            try setRequestParams(parameters)
        }
        if let value = object["attribution"] { attribution = try Self.string(value, "attribution", "expected the attribution text as a string") }
        if let value = try reader.boolean("withCredentials") { withCredentials = value }
    }

    private static func string(_ value: JSONValue, _ path: String, _ allowed: String) throws(OptionError) -> String {
        guard case .string(let text) = value else { throw OptionError(path: path, value: value, allowed: allowed) }
        return text
    }

    private static func bandIds(_ value: JSONValue) throws(OptionError) -> BandIDs {
        let allowed = "expected an array of 0-based band indices such as [3, 0, 1], or the string \"3,0,1\""
        switch value {
        case .string(let text): return try BandIDs(parsing: text)
        case .array(let elements):
            var indices: [Int] = []
            for (position, element) in elements.enumerated() {
                guard case .number(let number) = element, number == number.rounded(), number >= 0, number < 1e9 else {
                    throw OptionError(path: "bandIds[\(position)]", value: element, allowed: allowed)
                }
                indices.append(Int(number))
            }
            return try BandIDs(indices)
        default: throw OptionError(path: "bandIds", value: value, allowed: allowed)
        }
    }

    /// `noData` as a map spec gives it: a number, a string such as `"58,128,187"`, or an
    /// array with one number per band. Errors are at path `noData`; nest them under the layer.
    static func noData(_ value: JSONValue) throws(OptionError) -> NoDataValue {
        let allowed = "expected a number, a string such as \"58,128,187\", or an array with one number per band"
        switch value {
        case .number(let number): return try NoDataValue(number)
        case .string(let text): return try NoDataValue(parsing: text)
        case .array(let elements):
            var values: [Double] = []
            for (position, element) in elements.enumerated() {
                guard case .number(let number) = element else {
                    throw OptionError(path: "noData[\(position)]", value: element, allowed: allowed)
                }
                values.append(number)
            }
            return try NoDataValue(values)
        default: throw OptionError(path: "noData", value: value, allowed: allowed)
        }
    }
}

/// Typed reads of a layer object's members; each refusal names the member.
struct OptionReader {
    let object: JSONObject

    func number(_ key: String, _ allowed: String) throws(OptionError) -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let number) = value else { throw OptionError(path: key, value: value, allowed: allowed) }
        return number
    }

    func integer(_ key: String, _ allowed: String) throws(OptionError) -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let number) = value, number == number.rounded(), number.magnitude < 1e15 else {
            throw OptionError(path: key, value: value, allowed: allowed)
        }
        return Int(number)
    }

    func boolean(_ key: String) throws(OptionError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else { throw OptionError(path: key, value: value, allowed: "expected true or false") }
        return flag
    }

    func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(OptionError) -> Value?
    where Value.RawValue == String {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value, let parsed = Value(rawValue: text) else {
            throw OptionError(path: key, value: value, allowed: "expected one of " + Value.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    func rule(_ key: String) throws(OptionError) -> JSONObject? {
        guard let value = object[key] else { return nil }
        guard case .object(let rule) = value else {
            throw OptionError(path: key, value: value, allowed: key == "renderingRule"
                ? "expected a JSON object such as {\"rasterFunction\": \"Hillshade\"} (a template name alone is written {\"rasterFunction\": \"<name>\"})"
                : "expected a JSON object such as {\"mosaicMethod\": \"esriMosaicLockRaster\", \"lockRasterIds\": [8]}")
        }
        return rule
    }
}
