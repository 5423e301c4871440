import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import PixelPipeline

/// The libdeflate PNG path decodes exactly as libpng does, and leaves every other kind of
/// file (and every broken one) to libpng.
@Suite struct FastPNGDecoderTests {
    static let sizes = [(1, 1), (3, 7), (257, 33), (1024, 5)]

    /// Random samples: `channels` a pixel, smooth in places so Paeth meets ties, noisy elsewhere.
    static func samples(width: Int, height: Int, channels: Int, seed: UInt64) -> [[Int]] {
        var random = SplitMix64(seed: seed)
        return (0..<height).map { y in
            (0..<(width * channels)).map { i in
                switch Int.random(in: 0..<4, using: &random) {
                case 0: 0
                case 1: 255
                case 2: (i / channels + y) & 0xFF
                default: Int.random(in: 0...255, using: &random)
                }
            }
        }
    }

    static func fast(_ png: [UInt8]) throws -> Raster? {
        try png.withUnsafeBytes { bytes throws(PixelPipelineError) in try FastPNGDecoder.decode(bytes, maxPixels: 1 << 30) }
    }

    static func libpng(_ png: [UInt8]) throws -> Raster {
        try png.withUnsafeBytes { bytes throws(PixelPipelineError) in try PNGDecoder.decodeWithLibpng(bytes, maxPixels: 1 << 30) }
    }

    /// Splits the one IDAT chunk of a fixture into chunks of at most `size` bytes.
    static func splitIDAT(_ png: [UInt8], size: Int) -> [UInt8] {
        var chunks: [(String, [UInt8])] = []
        var position = 8
        while position < png.count {
            let length = Int(png[position]) << 24 | Int(png[position + 1]) << 16 | Int(png[position + 2]) << 8 | Int(png[position + 3])
            let type = String(decoding: png[position + 4 ..< position + 8], as: UTF8.self)
            chunks.append((type, Array(png[position + 8 ..< position + 8 + length])))
            position += 12 + length
        }
        var out = Array(png.prefix(8))
        for (type, data) in chunks {
            if type == "IDAT" {
                var start = 0
                repeat {
                    out += PNGFixture.chunk("IDAT", Array(data[start ..< min(data.count, start + size)]))
                    start += size
                } while start < data.count
            } else {
                out += PNGFixture.chunk(type, data)
            }
        }
        return out
    }

    @Test(arguments: [UInt8(2), 6])
    func everyFilterMatchesLibpng(colorType: UInt8) throws {
        let channels = colorType == 2 ? 3 : 4
        for (width, height) in Self.sizes {
            let samples = Self.samples(width: width, height: height, channels: channels, seed: UInt64(width * 1000 + height))
            for filter in UInt8(0)...4 {
                let png = PNGFixture.make(width: width, height: height, colorType: colorType, bitDepth: 8,
                                          samples: samples, filter: filter)
                let reference = try Self.libpng(png)
                let fast = try #require(try Self.fast(png), "\(width)x\(height) filter \(filter)")
                #expect(fast == reference, "\(width)x\(height) colour type \(colorType) filter \(filter)")
                // The samples themselves, not only libpng's agreement.
                let expected = samples.flatMap { row in
                    stride(from: 0, to: row.count, by: channels).flatMap { i in
                        (0..<4).map { k in UInt8(k < channels ? row[i + k] : 255) }
                    }
                }
                #expect(fast.pixels == expected)
                // Several IDAT chunks, harmless ancillary chunks and an sRGB chunk change nothing.
                let withChunks = PNGFixture.make(width: width, height: height, colorType: colorType, bitDepth: 8,
                                                 samples: samples, filter: filter,
                                                 extraChunks: [("sRGB", [0]), ("tEXt", Array("a\0b".utf8)), ("prVt", [1, 2])])
                let split = Self.splitIDAT(withChunks, size: 7)
                #expect(try Self.fast(split) == reference)
                #expect(try ImageDecoder.decode(split) == reference)
            }
        }
    }

    @Test func encoderOutputMatchesLibpng() throws {
        for (width, height) in Self.sizes {
            for opaque in [true, false] {
                var random = SplitMix64(seed: UInt64(width + height))
                var raster = Raster(width: width, height: height)
                for i in raster.pixels.indices {
                    raster.pixels[i] = i % 4 == 3 && opaque ? 255 : UInt8.random(in: 0...255, using: &random)
                }
                for compression in [PNGEncoder.Compression.fast, .smallest] {
                    let png = try PNGEncoder(compression: compression).encode(raster)
                    let fast = try #require(try Self.fast(png))
                    #expect(fast == raster)
                    #expect(try Self.libpng(png) == raster)
                    #expect(try ImageDecoder.decode(png) == raster)
                }
            }
        }
    }

    @Test func otherKindsGoToLibpng() throws {
        let rgb = Self.samples(width: 5, height: 4, channels: 3, seed: 1)
        let rgba = Self.samples(width: 5, height: 4, channels: 4, seed: 2)
        let gray = Self.samples(width: 5, height: 4, channels: 1, seed: 3)
        let sixteen = rgb.map { $0.map { $0 * 257 } }
        let declined: [[UInt8]] = [
            PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 8, samples: rgb, extraChunks: [("gAMA", PNGFixture.be32(100_000))]),
            PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 8, samples: rgb, transparency: [0, 0, 0, 0, 0, 0]),
            PNGFixture.make(width: 5, height: 4, colorType: 6, bitDepth: 8, samples: rgba, extraChunks: [("cHRM", [UInt8](repeating: 1, count: 32))]),
            PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 16, samples: sixteen),
            PNGFixture.make(width: 5, height: 4, colorType: 0, bitDepth: 8, samples: gray),
            PNGFixture.make(width: 5, height: 4, colorType: 3, bitDepth: 8, samples: gray.map { $0.map { $0 & 1 } },
                            palette: [(1, 2, 3), (4, 5, 6)]),
            PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 8, samples: rgb, extraChunks: [("sRGB", [7])]),
            // A row with filter type 5: libpng reports it.
            PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 8, samples: rgb, filter: 5),
        ]
        for png in declined {
            #expect(try Self.fast(png) == nil)
        }
        // Interlaced: the same file with the interlace byte set (and its CRC fixed).
        var interlaced = PNGFixture.make(width: 5, height: 4, colorType: 2, bitDepth: 8, samples: rgb)
        let ihdr = Array(interlaced[16 ..< 29])
        interlaced.replaceSubrange(8 ..< 33, with: PNGFixture.chunk("IHDR", Array(ihdr.prefix(12)) + [1]))
        #expect(try Self.fast(interlaced) == nil)
        // Declined files still decode, through libpng.
        #expect(try ImageDecoder.decode(declined[0]).width == 5)
        #expect(try ImageDecoder.decode(declined[4]).width == 5)
    }

    @Test func brokenFilesErrorWithoutCrashing() throws {
        let samples = Self.samples(width: 257, height: 33, channels: 4, seed: 9)
        let png = PNGFixture.make(width: 257, height: 33, colorType: 6, bitDepth: 8, samples: samples, filter: 4)
        #expect(try Self.fast(png) != nil)
        var random = SplitMix64(seed: 42)
        var cases: [[UInt8]] = (8 ..< png.count).filter { $0 % 97 == 0 }.map { Array(png.prefix($0)) }
        for _ in 0..<200 {
            var broken = png
            let at = Int.random(in: 8 ..< png.count, using: &random)
            broken[at] ^= UInt8.random(in: 1...255, using: &random)
            cases.append(broken)
        }
        // Broken zlib data with valid CRCs: only the inflate or the filter bytes can object.
        let idat = Array(png[41 ..< png.count - 16])
        for _ in 0..<100 {
            var data = idat
            data[Int.random(in: 2 ..< data.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            cases.append(Array(png.prefix(33)) + PNGFixture.chunk("IDAT", data) + PNGFixture.chunk("IEND", []))
        }
        cases.append(Array(png.prefix(33)) + PNGFixture.chunk("IDAT", Array(idat.prefix(idat.count / 2))) + PNGFixture.chunk("IEND", []))
        cases.append(Array(png.prefix(33)) + PNGFixture.chunk("IDAT", idat + [0, 0]) + PNGFixture.chunk("IEND", []))
        for bytes in cases {
            let fast: Raster?
            do { fast = try Self.fast(bytes) } catch { fast = nil; Issue.record("the fast path threw \(error)") }
            let reference = Result { try Self.libpng(bytes) }
            let decoded = Result { try ImageDecoder.decode(bytes) }
            if let fast {
                // Whatever the fast path accepts, libpng decodes to the same pixels.
                #expect(try reference.get() == fast)
            }
            switch (decoded, reference) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure(let a as PixelPipelineError), .failure(let b as PixelPipelineError)): #expect(a == b)
            default: Issue.record("ImageDecoder and libpng disagree: \(decoded) vs \(reference)")
            }
        }
    }

    /// From a file the decoder reads through a window of `FilePNGSource.pieceSize` bytes:
    /// an IDAT larger than the window, and many small IDATs across several windows, decode
    /// as libpng decodes them, starting at the file's position; a truncated file declines.
    @Test func fileReadInPiecesMatchesLibpng() throws {
        let samples = Self.samples(width: 600, height: 300, channels: 4, seed: 11)
        let png = PNGFixture.make(width: 600, height: 300, colorType: 6, bitDepth: 8, samples: samples, filter: 4)
        let expected = try Self.libpng(png)
        try AtomicFileWriterTests.withDirectory { directory in
            let cases = [("one IDAT", png), ("IDATs of 1000 bytes", Self.splitIDAT(png, size: 1000)),
                         ("truncated", Array(png.prefix(png.count - 20)))]
            for (label, bytes) in cases {
                #expect(bytes.count > 2 * FilePNGSource.pieceSize, "\(label): the file spans several windows")
                let path = directory + "/layer.png"
                try AtomicFileWriter.write([1, 2, 3, 4, 5] + bytes, to: path)
                let file = try #require(fopen(path, "rb"))
                defer { fclose(file) }
                let window = UnsafeMutableRawBufferPointer.allocate(byteCount: FilePNGSource.pieceSize, alignment: 64)
                defer { window.deallocate() }
                var source = FilePNGSource(descriptor: fileno(file), start: 5, window: window)
                let raster = try FastPNGDecoder.decode(&source, maxPixels: 1 << 30)
                #expect(raster == (label == "truncated" ? nil : expected), "\(label)")
            }
        }
    }

    @Test func pixelLimitFromTheHeader() throws {
        let png = PNGFixture.make(width: 40, height: 30, colorType: 2, bitDepth: 8,
                                  samples: Self.samples(width: 40, height: 30, channels: 3, seed: 5))
        #expect(throws: PixelPipelineError.imageTooLarge(format: .png, width: 40, height: 30, maxPixels: 1199)) {
            try png.withUnsafeBytes { bytes throws(PixelPipelineError) in try FastPNGDecoder.decode(bytes, maxPixels: 1199) }
        }
        #expect(try png.withUnsafeBytes { bytes throws(PixelPipelineError) in try FastPNGDecoder.decode(bytes, maxPixels: 1200) } != nil)
    }
}
