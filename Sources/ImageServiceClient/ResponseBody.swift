import LayerOptions

/// What a response body turned out to be, judged from the bytes rather than from the
/// status or the content type: ArcGIS servers answer errors with HTTP 200 and a JSON
/// envelope, for `f=image` requests too.
enum ResponseBody {
    /// The `{"error": {...}}` envelope of an ArcGIS error.
    struct ServiceError: Sendable, Equatable {
        var code: Int
        var message: String
        var details: [String]
    }

    /// The body parsed as JSON: the value (JSONP unwrapped), an error envelope, or `nil`
    /// when it is not JSON.
    enum JSONOutcome {
        case value(JSONValue)
        case serviceError(ServiceError)
        case notJSON(String)
    }

    /// Parses `bytes` as JSON (after a UTF-8 BOM and JSONP `callback( … );` are taken off).
    static func json(_ bytes: [UInt8]) -> JSONOutcome {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if let unwrapped = unwrapJSONP(slice) { slice = unwrapped }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(slice))
        } catch {
            return .notJSON(error.description)
        }
        if let error = serviceError(in: value) { return .serviceError(error) }
        return .value(value)
    }

    /// The error envelope of `value`, if it is one: an object whose `error` member is an
    /// object (code defaults to 500 and message to "" when missing, as they are optional).
    static func serviceError(in value: JSONValue) -> ServiceError? {
        guard case .object(let object) = value, case .object(let error)? = object["error"] else { return nil }
        var code = 500
        switch error["code"] {
        case .number(let number)? where number.isFinite && abs(number) < 1e9: code = Int(number)
        case .string(let text)?: code = Int(text) ?? 500
        default: break
        }
        var message = ""
        if case .string(let text)? = error["message"] { message = text }
        var details: [String] = []
        if case .array(let elements)? = error["details"] {
            details = elements.compactMap { element in
                if case .string(let text) = element { return text }
                return nil
            }
        }
        return ServiceError(code: code, message: message, details: details)
    }

    /// `name( … )` or `name( … );` around a JSON body, as JSONP answers; `nil` if the body
    /// does not look like that.
    static func unwrapJSONP(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let first = bytes.first, first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
              let open = bytes.firstIndex(of: UInt8(ascii: "(")),
              bytes[bytes.startIndex..<open].allSatisfy(isCallbackNameByte)
        else { return nil }
        var end = bytes.endIndex
        while end > open, isSpaceOrSemicolon(bytes[end - 1]) { end -= 1 }
        guard end > open + 1, bytes[end - 1] == UInt8(ascii: ")") else { return nil }
        return bytes[(open + 1)..<(end - 1)]
    }

    private static func isCallbackNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "$"):
            true
        default:
            false
        }
    }

    private static func isSpaceOrSemicolon(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }

    /// The first bytes of a body as printable text for an error message: at most
    /// `limit` characters, control characters shown as `·`, tokens redacted.
    static func preview(_ bytes: [UInt8], limit: Int = 120) -> String {
        if bytes.isEmpty { return "" }
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        var output = ""
        for character in text.prefix(limit) {
            if character.isNewline || character == "\t" {
                output.append(" ")
            } else if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\u{FFFD}" && $0.value != 0x7F }) {
                output.append(character)
            } else {
                output.append("·")
            }
        }
        if text.count > limit { output += "…" }
        return TokenRedaction.redacting(output)
    }
}
