import Testing
@testable import PixelPipeline

@Suite struct ImageDecoderTests {
    @Test func formatIsSniffedFromTheBytes() {
        #expect(Fixtures.png.withUnsafeBytes { ImageFormat(sniffing: $0) } == .png)
        #expect(Fixtures.jpeg.withUnsafeBytes { ImageFormat(sniffing: $0) } == .jpeg)
        #expect([UInt8]([0x47, 0x49, 0x46]).withUnsafeBytes { ImageFormat(sniffing: $0) } == nil)
    }

    @Test func decodeAllKeepsOrderAndPerImageErrors() throws {
        let error = Array(#"{"error":{"code":500,"message":"Error exporting image","details":[]}}"#.utf8)
        let rasters = (0..<6).map { Fixtures.randomRaster(width: 10 + $0, height: 5, opaque: $0 % 2 == 0, seed: UInt64($0)) }
        var inputs = try rasters.map { try PNGEncoder().encode($0) }
        inputs.insert(error, at: 2)
        inputs.insert(Fixtures.jpeg, at: 4)
        inputs.append([])
        let results = ImageDecoder.decodeAll(inputs)
        #expect(results.count == inputs.count)
        let decoded = results.compactMap { try? $0.get() }
        #expect(decoded.count == 7)
        #expect(Array(decoded[0..<2]) == Array(rasters[0..<2]))
        #expect(decoded[2] == rasters[2])
        #expect(decoded[3].width == 64)
        #expect(Array(decoded[4...]) == Array(rasters[3...]))
        #expect(throws: PixelPipelineError.serverError(code: 500, message: "Error exporting image", details: [])) { try results[2].get() }
        #expect(throws: PixelPipelineError.notAnImage(looksLike: "an empty body")) { try results[8].get() }
        #expect(ImageDecoder.decodeAll([]).isEmpty)
    }

    @Test func decodeFromBorrowedBytes() throws {
        let raster = try Fixtures.png.withUnsafeBytes { bytes throws(PixelPipelineError) in try ImageDecoder.decode(bytes: bytes) }
        #expect(raster == (try ImageDecoder.decode(Fixtures.png)))
    }
}
