import LayerOptions
import CDeflate
import Testing
@testable import PixelPipeline

@Suite struct PNGEncoderTests {
    struct Shape: CustomStringConvertible, Sendable {
        var width: Int, height: Int, opaque: Bool, stripes: Int?
        var description: String { "\(width)x\(height) \(opaque ? "opaque" : "alpha") stripes \(stripes.map(String.init) ?? "auto")" }
    }

    static let shapes: [Shape] = [
        Shape(width: 1, height: 1, opaque: true, stripes: nil), Shape(width: 1, height: 1, opaque: false, stripes: nil),
        Shape(width: 3, height: 5, opaque: true, stripes: nil), Shape(width: 7, height: 3, opaque: false, stripes: 3),
        Shape(width: 17, height: 9, opaque: false, stripes: 4), Shape(width: 255, height: 11, opaque: true, stripes: 5),
        Shape(width: 2048, height: 6, opaque: false, stripes: 3), Shape(width: 2048, height: 6, opaque: true, stripes: nil),
        Shape(width: 2048, height: 128, opaque: false, stripes: nil), Shape(width: 1, height: 40, opaque: true, stripes: 40),
    ]

    /// The chunks of a PNG, each CRC checked.
    static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var result: [(String, [UInt8])] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset ..< offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(png[offset + 4 ..< offset + 8 + length])
            let crc = png[offset + 8 + length ..< offset + 12 + length].reduce(0) { $0 << 8 | Int($1) }
            #expect(crc == Int(body.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }))
            result.append((String(decoding: body.prefix(4), as: UTF8.self), Array(body.dropFirst(4))))
            offset += 12 + length
        }
        #expect(offset == png.count)
        return result
    }

    @Test(arguments: shapes, [PNGEncoder.Compression.fast, .smallest])
    func roundTripsExactly(_ shape: Shape, compression: PNGEncoder.Compression) throws {
        let raster = Fixtures.randomRaster(width: shape.width, height: shape.height, opaque: shape.opaque,
                                           seed: UInt64(shape.width * 1000 + shape.height))
        let png = try PNGEncoder(compression: compression).encode(raster, stripes: shape.stripes)
        #expect(Array(png.prefix(8)) == ImageFormat.pngSignature)
        let chunks = Self.chunks(png)
        #expect(chunks.first?.type == "IHDR")
        #expect(chunks.first?.data[9] == (shape.opaque ? 2 : 6))
        #expect(chunks.last?.type == "IEND")
        #expect(try ImageDecoder.decode(png) == raster)
    }

    @Test func photoLikeRasterRoundTripsInStripes() throws {
        let raster = Fixtures.gradient(width: 300, height: 200)
        for stripes in [1, 2, 3, 7, 200] {
            for compression in [PNGEncoder.Compression.fast, .smallest] {
                let png = try PNGEncoder(compression: compression).encode(raster, stripes: stripes)
                #expect(try ImageDecoder.decode(png) == raster, "\(stripes) stripes, \(compression)")
            }
        }
    }

    @Test func textChunks() throws {
        let raster = Fixtures.randomRaster(width: 5, height: 4, opaque: false, seed: 2)
        let encoder = PNGEncoder(textChunks: [
            try .copyright("© Esri, Maxar"),
            try PNGTextChunk(keyword: "Source", text: "Imagery — 東京"),
        ])
        let png = try encoder.encode(raster)
        let chunks = Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "tEXt", "iTXt", "IDAT", "IEND"])
        #expect(chunks[1].data == Array("Copyright".utf8) + [0, 0xA9] + Array(" Esri, Maxar".utf8))
        #expect(chunks[2].data == Array("Source".utf8) + [0, 0, 0, 0, 0] + Array("Imagery — 東京".utf8))
        #expect(try ImageDecoder.decode(png) == raster)
    }

    @Test func invalidTextKeywords() {
        for keyword in ["", String(repeating: "k", count: 80), " Copyright", "Copyright ", "Copy  right", "Tab\there", "東京"] {
            #expect(throws: PixelPipelineError.self) { try PNGTextChunk(keyword: keyword, text: "x") }
        }
        #expect(throws: PixelPipelineError.self) { try PNGTextChunk(keyword: "Comment", text: "a\0b") }
        #expect(throws: Never.self) { try PNGTextChunk(keyword: String(repeating: "k", count: 79), text: "") }
    }

    @Test func emptyRasterIsAnError() {
        #expect(throws: PixelPipelineError.emptyRaster(width: 0, height: 3)) { try PNGEncoder().encode(Raster(width: 0, height: 3)) }
        #expect(throws: PixelPipelineError.emptyRaster(width: 4, height: 0)) { try JPEGEncoder().encode(Raster(width: 4, height: 0)) }
    }

    @Test func opacityDecidesColourType() {
        var raster = Fixtures.randomRaster(width: 9, height: 3, opaque: true, seed: 4)
        #expect(raster.isOpaque)
        raster.pixels[raster.pixels.count - 1] = 254
        #expect(!raster.isOpaque)
        raster = Fixtures.randomRaster(width: 9, height: 3, opaque: true, seed: 4)
        raster.pixels[3] = 0
        #expect(!raster.isOpaque)
        // 1000 pixels: 15 steps of 64 pixels, then 40 checked one by one. One pixel short of
        // opaque anywhere, in either part, is found; colour bytes of 0 are not alpha.
        var large = Fixtures.randomRaster(width: 100, height: 10, opaque: true, seed: 8)
        #expect(large.isOpaque)
        for pixel in [0, 63, 64, 500, 959, 960, 999] {
            var copy = large
            copy.pixels[pixel * 4 + 3] = 254
            #expect(!copy.isOpaque, "pixel \(pixel)")
        }
        for index in large.pixels.indices where index % 4 != 3 { large.pixels[index] = 0 }
        #expect(large.isOpaque)
    }

    /// `cdeflate_make_joinable` on streams that end at every bit position: joined streams
    /// inflate (with zlib) to the concatenated input.
    @Test func joinedDeflateStreamsInflateToTheConcatenation() throws {
        var random = SplitMix64(seed: 17)
        var growths = Set<Int>()
        for trial in 0..<120 {
            let level = Int32([1, 6, 12][trial % 3])
            guard let compressor = libdeflate_alloc_compressor(level) else { throw PixelPipelineError.emptyRaster(width: 0, height: 0) }
            defer { libdeflate_free_compressor(compressor) }
            var input: [UInt8] = []
            var joined: [UInt8] = []
            let parts = Int.random(in: 1...4, using: &random)
            for part in 0..<parts {
                let count = Int.random(in: 1...3000, using: &random)
                let alphabet = UInt8.random(in: 1...255, using: &random)
                let data = (0..<count).map { _ in UInt8.random(in: 0...alphabet, using: &random) }
                input += data
                let capacity = libdeflate_deflate_compress_bound(compressor, count) + cdeflate_join_slack
                var out = [UInt8](repeating: 0, count: capacity)
                var length = out.withUnsafeMutableBufferPointer { o in
                    data.withUnsafeBufferPointer { libdeflate_deflate_compress(compressor, $0.baseAddress, count, o.baseAddress, capacity) }
                }
                #expect(length > 0)
                if part < parts - 1 {
                    let joinable = out.withUnsafeMutableBufferPointer { cdeflate_make_joinable($0.baseAddress, length, capacity) }
                    #expect(joinable > 0)
                    growths.insert(joinable - length)
                    length = joinable
                }
                joined += out.prefix(length)
            }
            var inflated = [UInt8](repeating: 0, count: input.count + 1)
            var destinationLength = UInt(inflated.count)
            var sourceLength = UInt(joined.count)
            // zlib's raw inflate via uncompress2 needs a zlib header: add one and the Adler-32.
            let adler = input.withUnsafeBytes { libdeflate_adler32(1, $0.baseAddress, $0.count) }
            let zlibStream = [0x78, 0x01] + joined + PNGFixture.be32(Int(adler))
            sourceLength = UInt(zlibStream.count)
            let status = inflated.withUnsafeMutableBufferPointer { o in
                zlibStream.withUnsafeBufferPointer { uncompress2(o.baseAddress, &destinationLength, $0.baseAddress, &sourceLength) }
            }
            #expect(status == Z_OK)
            #expect(Int(sourceLength) == zlibStream.count)
            #expect(Array(inflated.prefix(Int(destinationLength))) == input)
        }
        // Every padding case ran: 0 unused bits (+0), 2/4/6 (+1/+2/+3 bytes of empty fixed
        // blocks), 3/5/7 (+4, an empty stored block) and 1 (+5).
        #expect(growths == [0, 1, 2, 3, 4, 5])
        // Not a deflate stream: refused, not crashed.
        var garbage: [UInt8] = [0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(garbage.withUnsafeMutableBufferPointer { cdeflate_make_joinable($0.baseAddress, 3, 11) } == 0)
    }
}


/// `cdeflate_fast_compress`, the fast mode's deflate encoder, checked by zlib's inflate.
@Suite struct FastDeflateTests {
    /// `parts` compressed one after the other (all but the last ending on a sync point),
    /// then inflated by zlib as one raw stream.
    static func roundTrip(_ parts: [[UInt8]]) -> (inflated: [UInt8], compressedCount: Int, consumedAll: Bool) {
        var joined: [UInt8] = []
        for (index, part) in parts.enumerated() {
            let bound = cdeflate_fast_compress_bound(part.count)
            var out = [UInt8](repeating: 0, count: bound)
            let length = out.withUnsafeMutableBufferPointer { o in
                part.withUnsafeBufferPointer { cdeflate_fast_compress($0.baseAddress, part.count, o.baseAddress, bound, index == parts.count - 1 ? 1 : 0) }
            }
            #expect(length > 0 && length <= bound)
            joined += out.prefix(length)
        }
        let total = parts.reduce(0) { $0 + $1.count }
        var inflated = [UInt8](repeating: 0, count: total + 1)
        let adler = Array(parts.joined()).withUnsafeBytes { libdeflate_adler32(1, $0.baseAddress, $0.count) }
        let zlibStream = [0x78, 0x01] + joined + PNGFixture.be32(Int(adler))
        var destinationLength = UInt(inflated.count)
        var sourceLength = UInt(zlibStream.count)
        let status = inflated.withUnsafeMutableBufferPointer { o in
            zlibStream.withUnsafeBufferPointer { uncompress2(o.baseAddress, &destinationLength, $0.baseAddress, &sourceLength) }
        }
        #expect(status == Z_OK)
        return (Array(inflated.prefix(Int(destinationLength))), joined.count, Int(sourceLength) == zlibStream.count)
    }

    @Test func shortInputsAtEveryLength() {
        for count in 0...40 {
            let data = (0..<count).map { UInt8($0 % 3) }
            let result = Self.roundTrip([data])
            #expect(result.inflated == data, "\(count) bytes")
            #expect(result.consumedAll)
        }
    }

    @Test func randomDataOfManyKindsAndJoinedParts() {
        var random = SplitMix64(seed: 23)
        for trial in 0..<60 {
            let parts = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                let count = Int.random(in: 0...(trial % 4 == 0 ? 200_000 : 5000), using: &random)
                let alphabet = UInt8.random(in: 0...255, using: &random)
                // Runs of one value, of a few values, and noise, which the encoder treats differently.
                let run = Int.random(in: 1...300, using: &random)
                var value: UInt8 = 0
                return (0..<count).map { index in
                    if index % run == 0 { value = UInt8.random(in: 0...alphabet, using: &random) }
                    return trial % 3 == 0 ? UInt8.random(in: 0...alphabet, using: &random) : value
                }
            }
            let result = Self.roundTrip(parts)
            #expect(result.inflated == Array(parts.joined()), "trial \(trial)")
            #expect(result.consumedAll)
        }
    }

    /// Incompressible blocks are stored: the output is the input plus 5 bytes of framing per
    /// block of at most 65535 bytes (two blocks here) and the final alignment.
    @Test func noiseIsStoredNotExpanded() {
        var random = SplitMix64(seed: 5)
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let result = Self.roundTrip([noise])
        #expect(result.inflated == noise)
        #expect(result.compressedCount == 100_000 + 2 * 5)
    }

    /// 300 000 equal bytes: one literal then matches of 258 at distance 1, five blocks of
    /// dynamic codes, far smaller than the input.
    @Test func longRunsBecomeMatches() {
        let run = [UInt8](repeating: 9, count: 300_000)
        let result = Self.roundTrip([run, run])
        #expect(result.inflated == run + run)
        #expect(result.compressedCount < 2_000)
    }

    @Test func refusesTooSmallAnOutputBuffer() {
        let data = [UInt8](repeating: 1, count: 1000)
        var out = [UInt8](repeating: 0, count: 1000)
        let length = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { cdeflate_fast_compress($0.baseAddress, 1000, o.baseAddress, 1000, 1) }
        }
        #expect(length == 0)
    }
}

@Suite struct StripePlanTests {
    @Test(arguments: [1, 2, 3, 5, 8, 100, 2048], [1, 2, 4, 16])
    func stripesCoverEveryRowOnce(rowCount: Int, cores: Int) {
        for method: StripedZlibCompressor.Method in [.fast, .libdeflate(level: 1), .libdeflate(level: 10)] {
            for requested in [nil, 1, 3, rowCount] {
                let plan = StripedZlibCompressor.stripes(rowCount: rowCount, rowBytes: 8193, method: method, cores: cores, requested: requested)
                #expect(plan.first?.lowerBound == 0)
                #expect(plan.last?.upperBound == rowCount)
                #expect(plan.allSatisfy { !$0.isEmpty })
                #expect(zip(plan, plan.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                if let requested { #expect(plan.count == min(requested, rowCount)) }
            }
        }
    }

    @Test func lastStripeIsLargerOnlyWhenStripesAreJoinedByAWalk() {
        let libdeflate = StripedZlibCompressor.Method.libdeflate(level: 1)
        #expect(StripedZlibCompressor.stripes(rowCount: 2048, rowBytes: 6145, method: libdeflate, cores: 2, requested: nil)
            == [0..<788, 788..<2048])
        // The fast method cuts 12.6 MB into stripes of about 2 MiB, equal: nothing to join.
        #expect(StripedZlibCompressor.stripes(rowCount: 2048, rowBytes: 6145, method: .fast, cores: 2, requested: nil)
            == [0..<341, 341..<683, 683..<1024, 1024..<1365, 1365..<1707, 1707..<2048])
        #expect(StripedZlibCompressor.stripes(rowCount: 4, rowBytes: 6145, method: .fast, cores: 2, requested: nil) == [0..<4])
        #expect(StripedZlibCompressor.stripes(rowCount: 2048, rowBytes: 6145, method: libdeflate, cores: 1, requested: nil) == [0..<2048])
    }
}
