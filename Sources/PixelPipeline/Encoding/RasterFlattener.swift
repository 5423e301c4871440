/// Straight-alpha "over" onto an opaque colour: `c' = round((c * a + bg * (255 - a)) / 255)`,
/// alpha 255. JPEG and other formats without alpha need it.
enum RasterFlattener {
    static func flatten(_ raster: Raster, over background: JPEGEncoder.Background) -> [UInt8] {
        let count = raster.pixels.count
        let bgR = UInt32(background.red), bgG = UInt32(background.green), bgB = UInt32(background.blue)
        let backgroundPixel = (bgR | bgG << 8 | bgB << 16 | 0xFF00_0000).littleEndian
        return raster.pixels.withUnsafeBytes { source in
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                let out = UnsafeMutableRawBufferPointer(buffer)
                var i = 0
                while i < count {
                    let pixel = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    let a = pixel >> 24
                    // Map images are mostly opaque or fully transparent: copy those whole.
                    if a == 255 {
                        out.storeBytes(of: pixel.littleEndian, toByteOffset: i, as: UInt32.self)
                    } else if a == 0 {
                        out.storeBytes(of: backgroundPixel, toByteOffset: i, as: UInt32.self)
                    } else {
                        let inverse = 255 &- a
                        let r = UInt32(blend(pixel & 0xFF, bgR, a, inverse))
                        let g = UInt32(blend(pixel >> 8 & 0xFF, bgG, a, inverse))
                        let b = UInt32(blend(pixel >> 16 & 0xFF, bgB, a, inverse))
                        out.storeBytes(of: (r | g << 8 | b << 16 | 0xFF00_0000).littleEndian, toByteOffset: i, as: UInt32.self)
                    }
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
