import LayerOptions
import PixelPipeline

/// A rendered static map: the encoded picture and a report per layer.
public struct RenderedMap: Sendable {
    /// The PNG or JPEG bytes.
    public let bytes: [UInt8]
    /// PNG or JPEG.
    public let format: ImageFormat
    /// Width in pixels (the map's width times its scale).
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// One report per layer, in the map's layer order.
    public let layers: [LayerReport]
    /// The layers' attributions, bottom layer first, without repeats (also written into a
    /// PNG as its `Copyright` text).
    public let attribution: [String]

    /// Writes the picture to `path` atomically: a failure never leaves a partial file.
    public func write(to path: String) throws(PixelPipelineError) {
        try AtomicFileWriter.write(bytes, to: path)
    }
}
