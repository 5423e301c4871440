/// Straight-alpha "over" onto an opaque colour: `c' = round((c * a + bg * (255 - a)) / 255)`,
/// alpha 255. JPEG and other formats without alpha need it.
enum RasterFlattener {
    static func flatten(_ raster: Raster, over background: JPEGEncoder.Background) -> [UInt8] {
        let count = raster.pixels.count
        let bgR = UInt32(background.red), bgG = UInt32(background.green), bgB = UInt32(background.blue)
        let vectorR = SIMD16<UInt16>(repeating: UInt16(background.red))
        let vectorG = SIMD16<UInt16>(repeating: UInt16(background.green))
        let vectorB = SIMD16<UInt16>(repeating: UInt16(background.blue))
        let opaque = SIMD16<UInt32>(repeating: 0xFF00_0000)
        return raster.pixels.withUnsafeBytes { source in
            [UInt8](largeUninitializedCapacity: count) { buffer, initialized in
                let out = UnsafeMutableRawBufferPointer(buffer)
                var i = 0
                #if _endian(little) // pixels loaded as 32-bit lanes: R in the low byte
                // 16 pixels at a time, channels in 16-bit lanes: every product fits (255 * 255
                // + 128 + 254 < 65536), and no branch depends on the pixels.
                while i &+ 64 <= count {
                    let pixels = source.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt32>.self)
                    let a = SIMD16<UInt16>(truncatingIfNeeded: pixels &>> 24)
                    let inverse = SIMD16<UInt16>(repeating: 255) &- a
                    let r = blend(SIMD16<UInt16>(truncatingIfNeeded: pixels & 0xFF), vectorR, a, inverse)
                    let g = blend(SIMD16<UInt16>(truncatingIfNeeded: (pixels &>> 8) & 0xFF), vectorG, a, inverse)
                    let b = blend(SIMD16<UInt16>(truncatingIfNeeded: (pixels &>> 16) & 0xFF), vectorB, a, inverse)
                    let result = SIMD16<UInt32>(truncatingIfNeeded: r) | SIMD16<UInt32>(truncatingIfNeeded: g) &<< 8
                        | SIMD16<UInt32>(truncatingIfNeeded: b) &<< 16 | opaque
                    out.storeBytes(of: result, toByteOffset: i, as: SIMD16<UInt32>.self)
                    i &+= 64
                }
                #endif
                while i < count {
                    let pixel = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    let a = pixel >> 24, inverse = 255 &- a
                    let r = UInt32(blend(pixel & 0xFF, bgR, a, inverse))
                    let g = UInt32(blend(pixel >> 8 & 0xFF, bgG, a, inverse))
                    let b = UInt32(blend(pixel >> 16 & 0xFF, bgB, a, inverse))
                    out.storeBytes(of: (r | g << 8 | b << 16 | 0xFF00_0000).littleEndian, toByteOffset: i, as: UInt32.self)
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

    /// The same, on 16 channels at once.
    @inline(__always) static func blend(_ c: SIMD16<UInt16>, _ bg: SIMD16<UInt16>, _ a: SIMD16<UInt16>,
                                        _ inverse: SIMD16<UInt16>) -> SIMD16<UInt16> {
        let t = c &* a &+ bg &* inverse &+ SIMD16<UInt16>(repeating: 128)
        return (t &+ (t &>> 8)) &>> 8
    }
}
