@testable import PixelPipeline

/// Rasters and encoded files the tests share.
enum Fixtures {
    /// A random raster; `opaque` makes every alpha 255.
    static func randomRaster(width: Int, height: Int, opaque: Bool, seed: UInt64) -> Raster {
        var random = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for i in pixels.indices { pixels[i] = UInt8.random(in: 0...255, using: &random) }
        if opaque { for i in stride(from: 3, to: pixels.count, by: 4) { pixels[i] = 255 } }
        return Raster(width: width, height: height, pixels: pixels)
    }

    /// A smooth opaque gradient with a little noise: photo-like, compresses like one.
    static func gradient(width: Int, height: Int, seed: UInt64 = 7) -> Raster {
        var random = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                let noise = Int.random(in: -3...3, using: &random)
                pixels[i] = UInt8(clamping: x * 255 / max(width - 1, 1) + noise)
                pixels[i + 1] = UInt8(clamping: y * 255 / max(height - 1, 1) + noise)
                pixels[i + 2] = UInt8(clamping: (x + y) * 127 / max(width + height - 2, 1) + noise)
            }
        }
        return Raster(width: width, height: height, pixels: pixels)
    }

    /// A valid 40x30 RGBA PNG.
    static let png: [UInt8] = {
        let raster = randomRaster(width: 40, height: 30, opaque: false, seed: 1)
        return (try? PNGEncoder().encode(raster)) ?? []
    }()

    /// A valid 64x48 baseline JPEG (4:2:0).
    static let jpeg: [UInt8] = {
        (try? JPEGEncoder(quality: 90).encode(gradient(width: 64, height: 48))) ?? []
    }()

    /// `bytes` with the big-endian 16-bit values at `offset` replaced.
    static func patching(_ bytes: [UInt8], at offset: Int, with values: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset ..< offset + values.count, with: values)
        return copy
    }

    /// Offset of the first JPEG marker `FF code`.
    static func jpegMarker(_ code: UInt8, in bytes: [UInt8]) -> Int? {
        (0 ..< bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == code }
    }
}
