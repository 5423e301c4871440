/// The kind of image bytes a service returned, read from their first bytes.
public enum ImageFormat: String, Sendable, Equatable {
    /// PNG: starts with `89 50 4E 47 0D 0A 1A 0A`.
    case png
    /// JPEG: starts with `FF D8 FF`.
    case jpeg

    /// The format whose signature `bytes` start with, or `nil`.
    public init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }
}
