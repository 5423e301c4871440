/// An encoded image's format, read from its first bytes, never from the request: an
/// ArcGIS `jpgpng` answer may be either. The client checks a body with it before calling
/// it an image; the pixel pipeline picks its decoder with it.
public enum ImageFormat: String, Sendable, Equatable, CustomStringConvertible {
    case png = "PNG"
    case jpeg = "JPEG"

    public var description: String { rawValue }

    /// PNG's 8-byte signature.
    public static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// JPEG's start-of-image marker and the first byte of the next marker.
    public static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// The format whose signature starts `bytes`, or `nil` for anything else.
    public init?<Bytes: Sequence<UInt8>>(sniffing bytes: Bytes) {
        if bytes.starts(with: ImageFormat.pngSignature) {
            self = .png
        } else if bytes.starts(with: ImageFormat.jpegSignature) {
            self = .jpeg
        } else {
            return nil
        }
    }
}
