import LayerOptions

/// The two ways Esri Leaflet turns a parameter object into a query string.
///
/// Parameters are a ``JSONObject``: ordered like a JavaScript object, where setting an
/// existing name keeps its place. Values are converted as JavaScript converts them.
public enum QueryString {
    /// Esri Leaflet's `serialize` (used for every XHR/JSONP request and form body): arrays
    /// whose first element is an object become JSON, other arrays are joined with commas,
    /// objects become JSON, everything else is `String(value)`; names and values go through
    /// `encodeURIComponent`; then every `'` is written `%27`. It does not add `f`.
    public static func esriSerialize(_ parameters: JSONObject) -> String {
        let pairs = parameters.members.map { member in
            URIComponent.encode(member.key) + "=" + URIComponent.encode(esriText(of: member.value))
        }
        return pairs.joined(separator: "&").replacingApostrophes()
    }

    /// Leaflet's `Util.getParamString` (used for the `f=image` export URL): `"?"` then
    /// `encodeURIComponent(name)=encodeURIComponent(String(value))` joined by `&`; no `%27`.
    public static func leafletParamString(_ parameters: JSONObject) -> String {
        "?" + parameters.members.map { member in
            URIComponent.encode(member.key) + "=" + URIComponent.encode(javaScriptString(member.value))
        }.joined(separator: "&")
    }

    /// The text `serialize` gives a value.
    static func esriText(of value: JSONValue) -> String {
        switch value {
        case .array(let elements):
            if case .object? = elements.first { return value.stringified }
            return javaScriptString(value)
        case .object:
            return value.stringified
        default:
            return javaScriptString(value)
        }
    }

    /// JavaScript's `String(value)`: arrays join their elements with `,` (null as empty),
    /// objects are `[object Object]`.
    static func javaScriptString(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): JavaScriptNumber.string(number)
        case .string(let text): text
        case .object: "[object Object]"
        case .array(let elements):
            elements.map { element in element == .null ? "" : javaScriptString(element) }.joined(separator: ",")
        }
    }
}

extension String {
    /// Every `'` written as `%27` (Esri Leaflet's last step of `serialize`).
    fileprivate func replacingApostrophes() -> String {
        var output = ""
        output.reserveCapacity(utf8.count)
        for character in self { if character == "'" { output += "%27" } else { output.append(character) } }
        return output
    }
}
