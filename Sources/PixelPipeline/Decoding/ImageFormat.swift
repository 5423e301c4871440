/// An encoded image format, as sniffed from the first bytes of a body (never from the
/// request: an ArcGIS `jpgpng` answer may be either).
public enum ImageFormat: String, Sendable, Equatable, CustomStringConvertible {
    case png = "PNG"
    case jpeg = "JPEG"

    public var description: String { rawValue }

    /// The format whose signature starts `bytes`: PNG's 8-byte signature or JPEG's
    /// `FF D8 FF`; `nil` for anything else.
    public init?(sniffing bytes: UnsafeRawBufferPointer) {
        if bytes.starts(with: ImageFormat.pngSignature) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
