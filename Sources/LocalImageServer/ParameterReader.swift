import LayerOptions

/// Reads typed values out of ``ServiceParameters``, with errors that name the parameter,
/// quote the value and say what was expected.
struct ParameterReader {
    let parameters: ServiceParameters

    init(_ parameters: ServiceParameters) { self.parameters = parameters }

    subscript(name: String) -> String? { parameters[name] }

    /// Comma-separated numbers (`1.5,2,3`); `count` fixes how many.
    func numbers(_ name: String, count: Int? = nil, expected: String) throws(ArcGISError) -> [Double]? {
        guard let text = parameters[name] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
        let numbers = parts.compactMap { Double($0) }.filter(\.isFinite)
        guard numbers.count == parts.count, count.map({ $0 == numbers.count }) ?? !numbers.isEmpty else {
            throw .invalid("\(name): '\(text)' is not \(expected)")
        }
        return numbers
    }

    /// Comma-separated integers.
    func integers(_ name: String, expected: String) throws(ArcGISError) -> [Int]? {
        guard let text = parameters[name] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
        let integers = parts.compactMap { Int($0) }
        guard integers.count == parts.count, !integers.isEmpty else {
            throw .invalid("\(name): '\(text)' is not \(expected)")
        }
        return integers
    }

    /// `true` or `false` (any case).
    func bool(_ name: String) throws(ArcGISError) -> Bool? {
        guard let text = parameters[name] else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .invalid("\(name): '\(text)' is not true or false")
        }
    }

    /// One integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ArcGISError) -> Int? {
        guard let text = parameters[name] else { return nil }
        guard let number = Double(text), number.rounded() == number, let value = Int(exactly: number), range.contains(value) else {
            throw .invalid("\(name): '\(text)' is not an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A JSON object (mosaicRule, renderingRule, geometry …).
    func jsonObject(_ name: String) throws(ArcGISError) -> JSONObject? {
        guard let text = parameters[name] else { return nil }
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw .invalid("\(name): malformed JSON: \(error)")
        }
        guard case .object(let object) = json else {
            throw .invalid("\(name): expected a JSON object, got \(json.typeDescription)")
        }
        return object
    }

    /// A spatial reference (WKID or SR JSON); `nil` when absent.
    func spatialReference(_ name: String) throws(ArcGISError) -> SpatialReference? {
        guard let text = parameters[name] else { return nil }
        return try SpatialReference.parse(text, parameter: name)
    }
}

extension JSONObject {
    /// A member by name, matched case-insensitively (`BandIDs` and `BandIds` alike).
    func member(_ key: String) -> JSONValue? {
        if let value = self[key] { return value }
        let lowered = key.lowercased()
        return members.first { $0.key.lowercased() == lowered }?.value
    }
}
