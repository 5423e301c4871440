import PixelPipeline
import RequestPlanning

/// A layer's decoded tiles from a render, kept so that the next render can reuse them when
/// it would send exactly the same requests (only opacity or stacking changed).
struct FetchedImages: Sendable {
    /// The planned requests, tile by tile.
    let requests: [PlannedRequest]
    /// The decoded images, tile by tile.
    let rasters: [Raster]
    /// Bytes received, tile by tile.
    let byteCounts: [Int]
    /// The URLs fetched, tokens redacted.
    let urls: [String]
}
