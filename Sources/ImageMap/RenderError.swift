import ImageServiceClient
import PixelPipeline

/// Why a render failed. Messages name the layer, its service URL (never a token) and what
/// to do.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// The scale is outside 1...4.
    case invalidScale(Double)
    /// A layer could not be fetched or decoded (with ``LayerFailurePolicy/failRender``).
    case layerFailed(index: Int, service: String, reason: String)
    /// The picture could not be composed or encoded.
    case pixels(PixelPipelineError)
    /// The layers could not be composed.
    case compositing(CompositingError)

    public var description: String {
        switch self {
        case .invalidScale(let scale):
            "scale \(scale) is not allowed; use a device pixel ratio from 1 to 4"
        case let .layerFailed(index, service, reason):
            "layer \(index) (\(service)) failed: \(reason)"
        case .pixels(let error):
            "the map could not be encoded: \(error)"
        case .compositing(let error):
            "the layers could not be composed: \(error)"
        }
    }
}
