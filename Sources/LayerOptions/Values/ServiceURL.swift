/// The `url` option as Esri Leaflet cleans it: whitespace trimmed, the query string cut
/// off (its parameters become `requestParams`), and a trailing `/` added, so that
/// operations read `…/ImageServer/exportImage` and metadata `…/ImageServer/?f=json`.
public struct ServiceURL: Sendable, Equatable {
    /// The cleaned URL, ending in `/`, without a query.
    public let base: String
    /// The parameters of the URL's query string, in order, decoded as JavaScript's
    /// `decodeURI` does (escapes of `;/?:@&=+$,#` stay encoded); `nil` without a query.
    public let queryParameters: JSONObject?

    /// Cleans and checks a service URL: it must be http or https and name a host.
    public init(parsing text: String) throws(OptionError) {
        let allowed = "expected an http(s) URL of an ImageServer, e.g. \"https://host/arcgis/rest/services/Name/ImageServer\""
        let questionMark = text.firstIndex(of: "?")
        let withoutQuery = text[..<(questionMark ?? text.endIndex)].trimmingSpaces
        let lowered = withoutQuery.lowercased()
        let schemeLength = lowered.hasPrefix("https://") ? 8 : lowered.hasPrefix("http://") ? 7 : 0
        let host = withoutQuery.dropFirst(schemeLength).prefix { $0 != "/" }
        guard schemeLength > 0, !host.isEmpty, !withoutQuery.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) else {
            throw OptionError(path: "url", value: .string(text), allowed: allowed)
        }
        base = withoutQuery.hasSuffix("/") ? withoutQuery : withoutQuery + "/"
        if let questionMark {
            let query = String(text[text.index(after: questionMark)...])
            guard let parameters = ServiceURL.parseQuery(query) else {
                throw OptionError(path: "url", value: .string(text), allowed:
                    "its query string must be name=value pairs joined by & (Esri Leaflet moves them to requestParams), e.g. \"…/ImageServer?foo=bar\"")
            }
            queryParameters = parameters
        } else {
            queryParameters = nil
        }
    }

    /// Esri Leaflet's `getUrlParams`: `decodeURI`, then split on `&` and `=`; a pair
    /// without exactly one `=` (or with characters JSON cannot hold) makes it throw.
    private static func parseQuery(_ query: String) -> JSONObject? {
        guard let decoded = decodeURI(query) else { return nil }
        var parameters = JSONObject()
        for pair in decoded.split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2,
                  !pair.contains(where: { $0 == "\\" || $0.unicodeScalars.contains { $0.value < 0x20 } })
            else { return nil }
            parameters[String(parts[0])] = .string(String(parts[1]))
        }
        return parameters
    }

    /// JavaScript's `decodeURI`: `%XX` sequences of valid UTF-8 are decoded, except those
    /// that decode to a character of `;/?:@&=+$,#`, which stay as written. `nil` where
    /// JavaScript throws a URIError (a malformed escape).
    static func decodeURI(_ text: String) -> String? {
        let reserved = Set(";/?:@&=+$,#".utf8)
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        func hexByte(at position: Int) -> UInt8? {
            guard position + 2 < bytes.count, bytes[position] == UInt8(ascii: "%"),
                  let high = PercentEscape.hexValue(bytes[position + 1]), let low = PercentEscape.hexValue(bytes[position + 2]) else { return nil }
            return high << 4 | low
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            guard let first = hexByte(at: index) else { return nil }
            if first < 0x80 {
                if reserved.contains(first) {
                    output.append(contentsOf: bytes[index..<index + 3])
                } else {
                    output.append(first)
                }
                index += 3
                continue
            }
            let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
            guard length > 0, first < 0xF8 else { return nil }
            var sequence = [first]
            for offset in 1..<length {
                guard let next = hexByte(at: index + offset * 3), next & 0xC0 == 0x80 else { return nil }
                sequence.append(next)
            }
            guard String(validating: sequence, as: UTF8.self) != nil else { return nil }
            output.append(contentsOf: sequence)
            index += length * 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
