import CDeflate

/// Hand-assembled PNG files from known samples, so the decoded pixels are known exactly.
enum PNGFixture {
    /// A PNG of `samples` (one array per row, `channels` integer samples a pixel, each in
    /// 0..<2^bitDepth), every row with filter type `filter` (0 None ... 4 Paeth).
    static func make(width: Int, height: Int, colorType: UInt8, bitDepth: UInt8, samples: [[Int]],
                     palette: [(UInt8, UInt8, UInt8)] = [], transparency: [UInt8]? = nil,
                     filter: UInt8 = 0, extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
        var rows: [UInt8] = []
        let channels = samples.first.map { $0.count / max(width, 1) } ?? 1
        let bitsPerPixel = channels * Int(bitDepth)
        let bytesPerPixel = max(1, bitsPerPixel / 8)
        var prior = [UInt8](repeating: 0, count: (width * bitsPerPixel + 7) / 8)
        for row in samples {
            var packed = [UInt8](repeating: 0, count: (width * bitsPerPixel + 7) / 8)
            var bit = 0
            for sample in row {
                if bitDepth == 16 {
                    packed[bit / 8] = UInt8(sample >> 8)
                    packed[bit / 8 + 1] = UInt8(sample & 0xFF)
                } else if bitDepth == 8 {
                    packed[bit / 8] = UInt8(sample)
                } else {
                    packed[bit / 8] |= UInt8(sample << (8 - Int(bitDepth) - bit % 8))
                }
                bit += Int(bitDepth)
            }
            rows.append(filter)
            for i in packed.indices {
                let a = i >= bytesPerPixel ? Int(packed[i - bytesPerPixel]) : 0
                let b = Int(prior[i]), c = i >= bytesPerPixel ? Int(prior[i - bytesPerPixel]) : 0
                let predictor: Int = switch filter {
                case 1: a
                case 2: b
                case 3: (a + b) / 2
                case 4: paeth(a, b, c)
                default: 0
                }
                rows.append(UInt8(truncatingIfNeeded: Int(packed[i]) - predictor))
            }
            prior = packed
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(width) + be32(height) + [bitDepth, colorType, 0, 0, 0])
        if !palette.isEmpty { png += chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if let transparency { png += chunk("tRNS", transparency) }
        for (type, data) in extraChunks { png += chunk(type, data) }
        png += chunk("IDAT", zlib(rows))
        png += chunk("IEND", [])
        return png
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        return be32(data.count) + body + be32(Int(crc))
    }

    static func zlib(_ data: [UInt8]) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(6) else { return [] }
        defer { libdeflate_free_compressor(compressor) }
        var out = [UInt8](repeating: 0, count: libdeflate_zlib_compress_bound(compressor, data.count))
        let count = out.withUnsafeMutableBytes { o in
            data.withUnsafeBytes { libdeflate_zlib_compress(compressor, $0.baseAddress, $0.count, o.baseAddress, o.count) }
        }
        return Array(out.prefix(count))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
    }
}

/// A deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
