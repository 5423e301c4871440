/// What happened to one layer in a render.
public struct LayerReport: Sendable, Equatable {
    /// How the layer ended.
    public enum Status: String, Sendable, Equatable {
        /// Drawn.
        case drawn
        /// Drawn from the images of the previous render (same requests).
        case reused
        /// Nothing requested: the zoom is outside the layer's minZoom…maxZoom.
        case outsideZoomRange
        /// Left out (``LayerFailurePolicy/omitLayer``); ``LayerReport/error`` says why.
        case failed
    }

    /// The layer's index in the map's layers.
    public let index: Int
    /// The service URL (never with a token).
    public let service: String
    /// How the layer ended.
    public let status: Status
    /// The export URLs fetched, tokens redacted.
    public let urls: [String]
    /// Bytes received for the layer's images.
    public let bytes: Int
    /// Seconds spent fetching and decoding the layer.
    public let seconds: Double
    /// The attribution drawn from the layer (its option, else the service's copyrightText).
    public let attribution: String?
    /// Why the layer failed, if it did.
    public let error: String?
}
