import LayerOptions
/// Reads an ArcGIS request's key/value pairs from its query string and, for a POST, from its
/// `application/x-www-form-urlencoded` body, as ArcGIS Server accepts both (reference §0, §9).
///
/// Both are decoded the way HTML forms encode: `+` is a space and `%XX` is a byte of UTF-8.
/// A malformed escape (`%zz`, a lone `%`) is kept as written rather than refused, as
/// browsers and servlet containers do. The query's pairs come first, then the body's.
enum RequestParameterReader {
    /// The largest form body read; a larger one is answered with HTTP 413 (see
    /// ``ErrorEnvelopeMiddleware``). Esri Leaflet switches to POST past 2000 characters,
    /// and the longest real rendering rules are some kilobytes, so 1 MiB is plenty.
    static let maximumBodySize = 1 << 20

    /// Whether a body with this `Content-Type` is read as a form: a URL-encoded form (any
    /// charset parameter), or no type at all (scripts that POST `a=b&c=d` and name nothing).
    static func isForm(contentType: String?) -> Bool {
        guard let contentType else { return true }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let trimmed = mediaType.trimming(" \t").lowercased()
        return trimmed.isEmpty || trimmed == "application/x-www-form-urlencoded"
    }

    /// The pairs of a query string and of a form body, query first, both as written.
    static func pairs(query: String?, body: [UInt8]?) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        if let query { pairs += formPairs(Array(query.utf8)) }
        if let body { pairs += formPairs(body) }
        return pairs
    }

    /// `a=1&b=&c` → `[("a","1"),("b",""),("c","")]`; empty segments (`&&`) are skipped.
    static func formPairs(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for segment in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = segment.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((decode(segment[segment.startIndex..<equals]), decode(segment[(equals + 1)...])))
            } else {
                pairs.append((decode(segment), ""))
            }
        }
        return pairs
    }

    /// Form decoding of one name or value: `+` → space, `%XX` → that byte; the bytes are then
    /// read as UTF-8 (an invalid sequence becomes U+FFFD).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = PercentEscape.hexValue(bytes[index + 1]), let low = PercentEscape.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The text without the given leading and trailing characters.
    func trimming(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
