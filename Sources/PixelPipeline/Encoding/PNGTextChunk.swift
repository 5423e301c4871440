/// A key/value text chunk for a PNG, for example `("Copyright", "© Esri")`.
///
/// Text that Latin-1 can hold is written as `tEXt`; other text (any character beyond U+00FF)
/// as an uncompressed UTF-8 `iTXt` chunk, which readers of `tEXt` also list.
public struct PNGTextChunk: Sendable, Equatable {
    /// The keyword: 1 to 79 Latin-1 printable characters, no leading, trailing or double spaces.
    public let keyword: String
    /// The text; no NUL characters.
    public let text: String

    /// Chunk type and data, ready for the chunk writer.
    let type: [UInt8]
    let data: [UInt8]

    /// A text chunk; the keyword and text are validated here.
    /// - Throws: ``PixelPipelineError/invalidTextChunk(keyword:reason:)``.
    public init(keyword: String, text: String) throws(PixelPipelineError) {
        let scalars = Array(keyword.unicodeScalars)
        func refuse(_ reason: String) -> PixelPipelineError { .invalidTextChunk(keyword: keyword, reason: reason) }
        guard (1...79).contains(scalars.count) else { throw refuse("it has \(scalars.count) characters, not 1 to 79") }
        if let bad = scalars.first(where: { !(0x20...0x7E).contains($0.value) && !(0xA1...0xFF).contains($0.value) }) {
            throw refuse("it contains U+\(String(bad.value, radix: 16, uppercase: true)), which is not printable Latin-1")
        }
        guard scalars.first != " ", scalars.last != " " else { throw refuse("it starts or ends with a space") }
        guard !keyword.contains("  ") else { throw refuse("it contains two spaces in a row") }
        guard !text.unicodeScalars.contains("\0") else { throw refuse("its text contains a NUL character") }

        self.keyword = keyword
        self.text = text
        let keywordBytes = scalars.map { UInt8(truncatingIfNeeded: $0.value) }
        if text.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) {
            type = Array("tEXt".utf8)
            data = keywordBytes + [0] + text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        } else {
            // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8.
            type = Array("iTXt".utf8)
            data = keywordBytes + [0, 0, 0, 0, 0] + Array(text.utf8)
        }
    }

    /// A `Copyright` chunk, for the service's copyright text.
    public static func copyright(_ text: String) throws(PixelPipelineError) -> PNGTextChunk {
        try PNGTextChunk(keyword: "Copyright", text: text)
    }
}
