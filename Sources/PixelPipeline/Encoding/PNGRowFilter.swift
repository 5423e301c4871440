/// PNG scanline filtering (PNG spec §9) of RGBA8 rows into the bytes a PNG's IDAT
/// compresses: for each row, the filter-type byte then `width * channels` filtered bytes.
/// `channels` is 4 (RGBA) or 3 (RGB: the raster's alpha is dropped).
enum PNGRowFilter {
    enum Strategy {
        /// Every row "Up" (type 2): one subtraction a byte, and what libdeflate compresses
        /// best for its speed on photo-like rasters.
        case up
        /// Each row picks the filter whose output has the least sum of absolute values as
        /// signed bytes (libpng's heuristic), among None, Sub, Up, Average and Paeth.
        case adaptive
    }

    /// Bytes of one filtered row.
    static func filteredRowBytes(width: Int, channels: Int) -> Int { 1 + width * channels }

    /// Filters rows `rows` of the RGBA8 image at `pixels` into `out`, which has room for
    /// `rows.count * filteredRowBytes(width:channels:)` bytes. Row `rows.lowerBound - 1`, if
    /// any, is read as the prior row, so stripes filter independently and join exactly.
    static func filter(pixels: UnsafePointer<UInt8>, width: Int, rows: Range<Int>, channels: Int,
                       strategy: Strategy, into out: UnsafeMutablePointer<UInt8>) {
        switch strategy {
        case .up: filterUp(pixels: pixels, width: width, rows: rows, channels: channels, into: out)
        case .adaptive: filterAdaptive(pixels: pixels, width: width, rows: rows, channels: channels, into: out)
        }
    }

    private static func filterUp(pixels: UnsafePointer<UInt8>, width: Int, rows: Range<Int>, channels: Int,
                                 into out: UnsafeMutablePointer<UInt8>) {
        let sourceStride = width &* 4
        let outStride = filteredRowBytes(width: width, channels: channels)
        let zeros = UnsafeMutablePointer<UInt8>.allocate(capacity: sourceStride)
        zeros.initialize(repeating: 0, count: sourceStride)
        defer { zeros.deallocate() }
        for (index, y) in rows.enumerated() {
            let current = pixels + y &* sourceStride
            let prior = y == 0 ? UnsafePointer(zeros) : current - sourceStride
            let row = out + index &* outStride
            row[0] = 2
            let o = row + 1
            if channels == 4 {
                for i in 0..<sourceStride { o[i] = current[i] &- prior[i] }
            } else {
                for x in 0..<width {
                    let s = x &* 4, d = x &* 3
                    o[d] = current[s] &- prior[s]
                    o[d &+ 1] = current[s &+ 1] &- prior[s &+ 1]
                    o[d &+ 2] = current[s &+ 2] &- prior[s &+ 2]
                }
            }
        }
    }

    private static func filterAdaptive(pixels: UnsafePointer<UInt8>, width: Int, rows: Range<Int>, channels: Int,
                                       into out: UnsafeMutablePointer<UInt8>) {
        let sourceStride = width &* 4
        let n = width &* channels
        let outStride = n &+ 1
        // Packed prior and current rows, then one candidate row per filter type.
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 7 &* n)
        scratch.initialize(repeating: 0, count: 7 &* n)
        defer { scratch.deallocate() }
        var prior = scratch, current = scratch + n
        let candidates = scratch + 2 &* n

        func pack(_ y: Int, into row: UnsafeMutablePointer<UInt8>) {
            let source = pixels + y &* sourceStride
            if channels == 4 {
                row.update(from: source, count: n)
            } else {
                for x in 0..<width {
                    row[x &* 3] = source[x &* 4]
                    row[x &* 3 &+ 1] = source[x &* 4 &+ 1]
                    row[x &* 3 &+ 2] = source[x &* 4 &+ 2]
                }
            }
        }
        if rows.lowerBound > 0 { pack(rows.lowerBound &- 1, into: prior) }

        for (index, y) in rows.enumerated() {
            pack(y, into: current)
            var sums = (0, 0, 0, 0, 0)
            let none = candidates, sub = candidates + n, up = candidates + 2 &* n
            let average = candidates + 3 &* n, paeth = candidates + 4 &* n
            for i in 0..<n {
                let x = current[i], b = prior[i]
                let a: UInt8 = i >= channels ? current[i &- channels] : 0
                let c: UInt8 = i >= channels ? prior[i &- channels] : 0
                none[i] = x
                sub[i] = x &- a
                up[i] = x &- b
                average[i] = x &- UInt8(truncatingIfNeeded: (Int(a) &+ Int(b)) >> 1)
                paeth[i] = x &- paethPredictor(a, b, c)
                sums.0 &+= magnitude(none[i])
                sums.1 &+= magnitude(sub[i])
                sums.2 &+= magnitude(up[i])
                sums.3 &+= magnitude(average[i])
                sums.4 &+= magnitude(paeth[i])
            }
            var best = 0, bestSum = sums.0
            if sums.1 < bestSum { best = 1; bestSum = sums.1 }
            if sums.2 < bestSum { best = 2; bestSum = sums.2 }
            if sums.3 < bestSum { best = 3; bestSum = sums.3 }
            if sums.4 < bestSum { best = 4; bestSum = sums.4 }
            let row = out + index &* outStride
            row[0] = UInt8(best)
            (row + 1).update(from: candidates + best &* n, count: n)
            swap(&prior, &current)
        }
    }

    /// |v| of the byte read as a signed value: small for residuals near zero either side.
    @inline(__always) private static func magnitude(_ value: UInt8) -> Int {
        let signed = Int(Int8(bitPattern: value))
        return signed < 0 ? 0 &- signed : signed
    }

    @inline(__always) static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let a = Int(a), b = Int(b), c = Int(c)
        let p = a &+ b &- c
        let pa = abs(p &- a), pb = abs(p &- b), pc = abs(p &- c)
        if pa <= pb && pa <= pc { return UInt8(truncatingIfNeeded: a) }
        return pb <= pc ? UInt8(truncatingIfNeeded: b) : UInt8(truncatingIfNeeded: c)
    }
}
