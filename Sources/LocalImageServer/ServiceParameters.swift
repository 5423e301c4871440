/// A request's parameters as ArcGIS reads them: names case-insensitive, values trimmed of
/// surrounding whitespace, empty values treated as absent (HTML forms submit every field),
/// and a later non-empty duplicate wins over an earlier one.
///
/// The HTTP side builds one from the query string or the form body; every operation of
/// ``LocalImageService`` reads its parameters through it.
public struct ServiceParameters: Sendable {
    private var values: [String: String] = [:]

    /// The parameters from `(name, value)` pairs in request order.
    public init(_ pairs: [(name: String, value: String)]) {
        for (name, value) in pairs {
            let trimmed = value.trimmingWhitespace
            if trimmed.isEmpty { continue }
            values[name.lowercased()] = trimmed
        }
    }

    /// The trimmed, non-empty value of `name` (matched case-insensitively), or `nil`.
    public subscript(name: String) -> String? {
        values[name.lowercased()]
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
