/// exportImage's `format`, as this server encodes it.
///
/// `jpgpng` (the default) is JPEG when no pixel is transparent, else an RGBA PNG; `png`,
/// `png8`, `png24` and `png32` are all written as 8-bit-per-channel PNG that keeps NoData
/// transparent (RGB when nothing is transparent; no palette for png8); `jpg` is JPEG with
/// transparent pixels flattened onto black. bmp, gif, tiff, lerc, bip, bsq and kmz are
/// refused with an error.
enum OutputFormat: Sendable, Equatable {
    case jpgpng, png, jpg

    static let supported = "jpgpng, png, png8, png24, png32, jpg"

    static func parse(_ text: String?) throws(ArcGISError) -> OutputFormat {
        guard let text else { return .jpgpng }
        switch text.lowercased() {
        case "jpgpng", "jpegpng": return .jpgpng
        case "png", "png8", "png24", "png32": return .png
        case "jpg", "jpeg": return .jpg
        case "bmp", "gif", "tiff", "tif", "lerc", "bip", "bsq", "kmz":
            throw .unsupported("format: '\(text)' is not supported by this server; use one of \(supported)")
        default:
            throw .invalid("format: '\(text)' is not an image format; use one of \(supported)")
        }
    }
}
