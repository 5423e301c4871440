import LayerOptions

/// Why a ``ComposeJob`` failed. Layer numbers count from 0, bottom first, as the spec's
/// `layers[i]` does.
public enum ComposeJobError: Error, Equatable, CustomStringConvertible {
    /// The output path's extension names the other format than the job writes.
    case outputFormatMismatch(path: String, format: ImageFormat)
    /// A layer's file could not be read (missing, a directory, no permission).
    case unreadableFile(layer: Int, path: String, reason: String)
    /// A layer's file is not an image the pipeline decodes, or is corrupt.
    case badImage(layer: Int, path: String, error: PixelPipelineError)
    /// The canvas could not be composed (its size).
    case compositing(CompositingError)
    /// The composite could not be encoded.
    case encoding(PixelPipelineError)
    /// The output file could not be written; nothing was left at its path.
    case writing(PixelPipelineError)

    /// Whether the error is in what the user asked for (the command exits with 2) rather than
    /// in the files or the system (exit 1).
    public var isUsageError: Bool {
        if case .outputFormatMismatch = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .outputFormatMismatch(path, format):
            let wanted = format == .png ? ".png" : ".jpg"
            let other = format == .png ? "\"format\": \"jpg\"" : "\"format\": \"png\""
            return "the output \(path) names another format than the spec's \(format): "
                + "write it to a \(wanted) file, or set \(other) in the spec"
        case let .unreadableFile(layer, path, reason):
            return "layers[\(layer)]: cannot read \(path): \(reason). "
                + "Check its \"file\" (a relative path is relative to the spec's folder)"
        case let .badImage(layer, path, error):
            return "layers[\(layer)]: \(path) is not a usable image: \(error)"
        case .compositing(let error):
            return error.description
        case .encoding(let error), .writing(let error):
            return error.description
        }
    }
}
