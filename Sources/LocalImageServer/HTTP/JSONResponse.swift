import Hummingbird
import LayerOptions

/// How a JSON answer is written: compact (`f=json`) or pretty-printed (`f=pjson`), and as
/// JSONP when the request names a `callback` (reference §0).
struct JSONStyle: Sendable, Equatable {
    /// `f=pjson`: two-space indentation, one member or element a line.
    var pretty = false
    /// The JSONP function name, already checked by ``JSONStyle/isValidCallback(_:)``.
    var callback: String? = nil

    /// Whether `name` is safe to write before `(` in a script: a dotted path of JavaScript
    /// identifiers or bracketed indices (`cb`, `L.esri._callback.c12`, `a[0]`), at most 128
    /// characters. Anything else could inject script into the page that loads it.
    static func isValidCallback(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 128 else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "$", ".", "[", "]": true
            default: false
            }
        }
    }
}

/// Builds the HTTP response for a JSON answer or an ArcGIS error envelope.
enum JSONResponse {
    /// `value` as `application/json`, or as `callback(value);` in `application/javascript`.
    /// Always HTTP 200 unless `status` says otherwise: ArcGIS answers errors with 200 too,
    /// and clients read the body (reference §7.1).
    static func make(_ value: JSONValue, style: JSONStyle, status: HTTPResponse.Status = .ok) -> Response {
        let json = style.pretty ? prettyPrinted(value) : value.stringified
        var headers: HTTPFields = [:]
        let text: String
        if let callback = style.callback {
            text = "\(callback)(\(json));"
            headers[.contentType] = "application/javascript; charset=utf-8"
        } else {
            text = json
            headers[.contentType] = "application/json; charset=utf-8"
        }
        headers[.cacheControl] = "no-cache"
        var buffer = ByteBuffer()
        buffer.writeString(text)
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// The ArcGIS error envelope for `error`, HTTP 200 unless `status` says otherwise.
    static func error(_ error: ArcGISError, style: JSONStyle, status: HTTPResponse.Status = .ok) -> Response {
        make(error.json, style: style, status: status)
    }

    /// `value` with two-space indentation; members keep their order, and strings and
    /// numbers are written exactly as ``JSONValue/stringified`` writes them.
    static func prettyPrinted(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, to output: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += inner
                write(element, indent: indent + 1, to: &output)
                output += index < elements.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let object) where !object.members.isEmpty:
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += inner + JSONValue.string(member.key).stringified + ": "
                write(member.value, indent: indent + 1, to: &output)
                output += index < object.members.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        default:
            output += value.stringified
        }
    }
}
