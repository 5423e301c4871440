/// Straight-alpha "over" onto an opaque colour: `c' = round((c * a + bg * (255 - a)) / 255)`,
/// alpha 255. JPEG and other formats without alpha need it.
enum RasterFlattener {
    static func flatten(_ raster: Raster, over background: JPEGEncoder.Background) -> [UInt8] {
        let count = raster.pixels.count
        let bgR = UInt32(background.red), bgG = UInt32(background.green), bgB = UInt32(background.blue)
        return raster.pixels.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                var i = 0
                while i < count {
                    let a = UInt32(source[i &+ 3]), inverse = 255 &- a
                    out[i] = blend(UInt32(source[i]), bgR, a, inverse)
                    out[i &+ 1] = blend(UInt32(source[i &+ 1]), bgG, a, inverse)
                    out[i &+ 2] = blend(UInt32(source[i &+ 2]), bgB, a, inverse)
                    out[i &+ 3] = 255
                    i &+= 4
                }
                initialized = count
            }
        }
    }

    /// `(c * a + bg * inverse) / 255`, rounded to nearest, exactly, with shifts.
    @inline(__always) static func blend(_ c: UInt32, _ bg: UInt32, _ a: UInt32, _ inverse: UInt32) -> UInt8 {
        let t = c &* a &+ bg &* inverse &+ 128
        return UInt8(truncatingIfNeeded: (t &+ (t >> 8)) >> 8)
    }
}
