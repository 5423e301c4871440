/// Takes tokens out of URLs and form bodies before they are shown (errors, events, logs)
/// or used as cache keys. A token is the value of a `token` parameter: after `?` or `&`,
/// up to the next `&` (or the end). Esri Leaflet's `href?token=` form is covered too.
enum TokenRedaction {
    /// What a redacted token reads as.
    static let placeholder = "<redacted>"

    /// `text` with every `token=` value replaced by `<redacted>`.
    static func redacting(_ text: String) -> String {
        rewrite(text) { "token=" + placeholder }
    }

    /// `text` with every `token=` parameter removed, separator included (for cache keys:
    /// the same request with another token is the same request).
    static func removing(_ text: String) -> String {
        rewrite(text) { nil }
    }

    /// Replaces each `token=…` pair that starts the text or follows `?` or `&` with
    /// `replacement()`; a `nil` replacement drops the pair and one separator.
    private static func rewrite(_ text: String, _ replacement: () -> String?) -> String {
        let bytes = Array(text.utf8)
        let name = Array("token=".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let atPairStart = index == 0 || bytes[index - 1] == UInt8(ascii: "?") || bytes[index - 1] == UInt8(ascii: "&")
            if atPairStart, bytes.count - index >= name.count, bytes[index..<index + name.count].elementsEqual(name) {
                var end = index + name.count
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                if let text = replacement() {
                    output.append(contentsOf: text.utf8)
                    index = end
                } else if end < bytes.count {
                    index = end + 1 // drop "token=…&"
                } else {
                    // Drop the separator before a last pair ("…&token=x" → "…", "u?token=x" → "u").
                    if let last = output.last, last == UInt8(ascii: "&") || last == UInt8(ascii: "?") { output.removeLast() }
                    index = end
                }
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
