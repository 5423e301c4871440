/// What went wrong while decoding, encoding or writing an image.
///
/// Every case says what was wrong, where, and what to do in its `description`.
public enum PixelPipelineError: Error, Equatable, CustomStringConvertible {
    /// The server answered with an ArcGIS JSON error body
    /// (`{"error":{"code":..,"message":..,"details":[..]}}`) instead of an image.
    case serverError(code: Int, message: String, details: [String])
    /// The bytes are neither PNG nor JPEG; `looksLike` describes them
    /// (for example "an empty body", "an HTML page", or their first bytes).
    case notAnImage(looksLike: String)
    /// The bytes start like a PNG or JPEG but cannot be decoded: truncated, corrupt or hostile.
    /// `reason` is the decoder's own message.
    case corruptImage(format: ImageFormat, reason: String)
    /// A valid image of a kind this pipeline does not decode (for example a CMYK JPEG).
    case unsupportedImage(format: ImageFormat, reason: String)
    /// The image header announces more pixels than the limit allowed for this call;
    /// nothing was allocated.
    case imageTooLarge(format: ImageFormat, width: Int, height: Int, maxPixels: Int)
    /// An image with no pixels cannot be encoded.
    case emptyRaster(width: Int, height: Int)
    /// A JPEG quality outside 1...100.
    case invalidJPEGQuality(Int)
    /// A PNG text chunk whose keyword or text the PNG specification does not allow.
    case invalidTextChunk(keyword: String, reason: String)
    /// The encoder's library failed; `reason` is its message.
    case encodingFailed(format: ImageFormat, reason: String)
    /// Writing the file at `path` failed during `operation`; nothing was left at `path`
    /// that was not there before.
    case fileWriteFailed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .serverError(code, message, details):
            let more = details.isEmpty ? "" : " (\(details.joined(separator: "; ")))"
            return "The image service returned error \(code) instead of an image: \(message)\(more). "
                + "Check the request parameters (bbox, size, format, rendering rule) and the token."
        case let .notAnImage(looksLike):
            return "The response is not a PNG or JPEG image: it is \(looksLike). "
                + "Check the service URL and that the request asks for an image (f=image)."
        case let .corruptImage(format, reason):
            return "The \(format) image could not be decoded: \(reason). "
                + "The data is truncated or corrupt; fetch it again or check the server."
        case let .unsupportedImage(format, reason):
            return "The \(format) image is of a kind that is not supported: \(reason). "
                + "Ask the service for PNG or for an RGB/grayscale JPEG."
        case let .imageTooLarge(format, width, height, maxPixels):
            return "The \(format) image is \(width)x\(height) = \(width * height) pixels, more than the "
                + "limit of \(maxPixels). Request a smaller image or raise maxPixels for this call."
        case let .emptyRaster(width, height):
            return "A \(width)x\(height) raster has no pixels and cannot be encoded. "
                + "Give the image a width and height of at least 1."
        case let .invalidJPEGQuality(quality):
            return "JPEG quality \(quality) is out of range. Use a quality from 1 to 100 (85 is a good default)."
        case let .invalidTextChunk(keyword, reason):
            return "PNG text chunk \"\(keyword)\" is not allowed: \(reason). Use a keyword of 1 to 79 "
                + "Latin-1 letters, digits, punctuation or single inner spaces (e.g. \"Copyright\") and text without NUL."
        case let .encodingFailed(format, reason):
            return "Encoding the \(format) image failed: \(reason). "
                + "This is unexpected for a valid raster; report it with the raster's size."
        case let .fileWriteFailed(path, operation, reason):
            return "Writing \(path) failed (\(operation)): \(reason). "
                + "Check that the directory exists, is writable and has free space."
        }
    }
}
