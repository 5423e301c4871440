/// The stages of a render, for progress displays.
public enum RenderProgress: Sendable, Equatable {
    /// Layer `layer`'s metadata and images are being fetched (`tiles` exports).
    case fetching(layer: Int, tiles: Int)
    /// Layer `layer`'s images are being decoded.
    case decoding(layer: Int)
    /// Layer `layer` is ready (or reused from the previous render).
    case ready(layer: Int)
    /// Layer `layer` has nothing to draw at this zoom.
    case skipped(layer: Int)
    /// Layer `layer` failed; the message names the URL (without token) and the problem.
    case failed(layer: Int, message: String)
    /// The layers are being composed.
    case composing
    /// The picture is being encoded.
    case encoding
}
