/// Why layers could not be composed.
public enum CompositingError: Error, CustomStringConvertible, Equatable {
    /// The canvas size is negative or too large to allocate.
    case invalidCanvasSize(width: Int, height: Int)
    /// A layer's `raster.pixels` does not hold `width * height * 4` bytes.
    case malformedRaster(layer: Int, expectedBytes: Int, actualBytes: Int)

    public var description: String {
        switch self {
        case let .invalidCanvasSize(width, height):
            return "Cannot compose onto a \(width)x\(height) canvas: each side must be in "
                + "0...\(Compositor.maximumSide) pixels. Request a smaller map size."
        case let .malformedRaster(layer, expected, actual):
            return "Layer \(layer) has \(actual) bytes of pixels but its size needs \(expected) "
                + "(width * height * 4). Build its Raster with init(width:height:pixels:) and "
                + "keep its pixels array that long."
        }
    }
}
