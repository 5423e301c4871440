extension Raster {
    /// Whether every pixel's alpha is 255 (then PNG stores RGB and JPEG needs no flattening).
    var isOpaque: Bool {
        pixels.withUnsafeBytes { bytes in
            let count = bytes.count / 8
            // Two pixels per 64-bit load; the alpha bytes are the top byte of each 32-bit half.
            let mask: UInt64 = 0xFF00_0000_FF00_0000
            for index in 0..<count where bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self) & mask != mask {
                return false
            }
            return bytes.count % 8 == 0 || bytes[bytes.count - 1] == 255
        }
    }
}
