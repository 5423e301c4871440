/// An image in memory: `width × height` pixels, 4 bytes each (R, G, B, A), rows top to
/// bottom with no padding, alpha not premultiplied. Every decoder produces one, the
/// compositor reads and writes them, every encoder consumes one.
public struct Raster: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 4` bytes, RGBA, row-major.
    public var pixels: [UInt8]

    /// Bytes per pixel: always 4 (RGBA8).
    public static let bytesPerPixel = 4

    /// A raster whose every pixel is `(0, 0, 0, 0)`: fully transparent.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "Raster dimensions must not be negative")
        self.width = width
        self.height = height
        let count = width * height * Raster.bytesPerPixel
        self.pixels = [UInt8](largeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(repeating: 0, count: count)
            initialized = count
        }
    }

    /// A raster over existing RGBA bytes; `pixels.count` must be `width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * Raster.bytesPerPixel,
                     "Raster needs width * height * 4 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
