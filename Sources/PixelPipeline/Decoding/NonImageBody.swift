/// Says what a body that is not an image looks like, for error messages.
enum NonImageBody {
    /// The error for `bytes`, which are neither PNG nor JPEG: an ArcGIS JSON error becomes
    /// `.serverError`; anything else `.notAnImage` with a short description.
    static func error(for bytes: UnsafeRawBufferPointer) -> PixelPipelineError {
        if !bytes.isEmpty && bytes.count < ImageFormat.pngSignature.count && ImageFormat.pngSignature.starts(with: bytes) {
            return .corruptImage(format: .png, reason: "the body is only \(bytes.count) bytes, cut off inside the PNG signature")
        }
        if !bytes.isEmpty && bytes.count < 3 && [0xFF, 0xD8, 0xFF].starts(with: bytes) {
            return .corruptImage(format: .jpeg, reason: "the body is only \(bytes.count) bytes, cut off inside the JPEG signature")
        }
        let text = bytes.drop { isWhitespace($0) }
        if text.isEmpty {
            return .notAnImage(looksLike: bytes.isEmpty ? "an empty body" : "\(bytes.count) bytes of whitespace")
        }
        if text.first == UInt8(ascii: "{"), let serverError = ArcGISErrorBody.parse(bytes) {
            return .serverError(code: serverError.code, message: serverError.message, details: serverError.details)
        }
        let head = String(decoding: text.prefix(512), as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.contains("<html") {
            return .notAnImage(looksLike: "an HTML page (\(bytes.count) bytes) starting \(quoted(text))")
        }
        if head.hasPrefix("<?xml") || head.hasPrefix("<") {
            return .notAnImage(looksLike: "XML or markup (\(bytes.count) bytes) starting \(quoted(text))")
        }
        if text.first == UInt8(ascii: "{") || text.first == UInt8(ascii: "[") {
            return .notAnImage(looksLike: "JSON that is not an ArcGIS error (\(bytes.count) bytes) starting \(quoted(text))")
        }
        if isText(text.prefix(64)) {
            return .notAnImage(looksLike: "text (\(bytes.count) bytes) starting \(quoted(text))")
        }
        let hex = bytes.prefix(16).map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
        return .notAnImage(looksLike: "\(bytes.count) bytes of binary data starting \(hex)")
    }

    private static func quoted(_ text: Slice<UnsafeRawBufferPointer>) -> String {
        let limit = 60
        var line = String(decoding: text.prefix(limit), as: UTF8.self)
        line = String(line.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return "\"\(line)\(text.count > limit ? "…" : "")\""
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Valid UTF-8 (a sequence cut at the end allowed) without control characters but whitespace.
    private static func isText(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var decodedBytes = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar.value < 0x20 && !isWhitespace(UInt8(scalar.value)) || scalar.value == 0x7F { return false }
                decodedBytes += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: return bytes.count - decodedBytes <= 3 && bytes.count == 64
            }
        }
        return true
    }
}
