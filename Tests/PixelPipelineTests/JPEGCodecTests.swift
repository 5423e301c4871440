import CTurboJPEG
import Testing
@testable import PixelPipeline

@Suite struct JPEGCodecTests {
    /// TurboJPEG's own RGBA decode of `jpeg`, the reference for ours.
    static func turboDecode(_ jpeg: [UInt8]) -> (width: Int, height: Int, pixels: [UInt8])? {
        guard let handle = tjInitDecompress() else { return nil }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, jpeg, UInt(jpeg.count), &width, &height, &subsampling, &colorspace) == 0 else { return nil }
        var pixels = [UInt8](repeating: 0, count: Int(width * height * 4))
        guard tjDecompress2(handle, jpeg, UInt(jpeg.count), &pixels, width, 0, height, Int32(TJPF_RGBA.rawValue), 0) == 0 else { return nil }
        return (Int(width), Int(height), pixels)
    }

    /// TurboJPEG's own compression of RGBX bytes.
    static func turboEncode(_ pixels: [UInt8], width: Int, height: Int, subsampling: TJSAMP, quality: Int32,
                            format: TJPF = TJPF_RGBX) -> [UInt8]? {
        guard let handle = tjInitCompress() else { return nil }
        defer { tjDestroy(handle) }
        var jpeg: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { tjFree(jpeg) }
        let channels = format == TJPF_GRAY ? 1 : 4
        guard tjCompress2(handle, pixels, Int32(width), Int32(width * channels), Int32(height), Int32(format.rawValue),
                          &jpeg, &size, Int32(subsampling.rawValue), quality, 0) == 0, let jpeg else { return nil }
        return Array(UnsafeBufferPointer(start: jpeg, count: Int(size)))
    }

    @Test func rgbDecodeMatchesTurboJPEG() throws {
        let jpeg = Fixtures.jpeg
        let reference = try #require(Self.turboDecode(jpeg))
        let raster = try ImageDecoder.decode(jpeg)
        #expect(raster.width == 64 && raster.height == 48)
        #expect(raster.pixels == reference.pixels)
    }

    @Test func grayDecodesToEqualChannelsAndOpaqueAlpha() throws {
        let gray = (0..<(33 * 17)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let jpeg = try #require(Self.turboEncode(gray, width: 33, height: 17, subsampling: TJSAMP_GRAY, quality: 95, format: TJPF_GRAY))
        let raster = try ImageDecoder.decode(jpeg)
        let reference = try #require(Self.turboDecode(jpeg))
        #expect(raster.pixels == reference.pixels)
        for i in stride(from: 0, to: raster.pixels.count, by: 4) {
            #expect(raster.pixels[i] == raster.pixels[i + 1] && raster.pixels[i] == raster.pixels[i + 2])
            #expect(raster.pixels[i + 3] == 255)
        }
    }

    @Test func flatColoursDecodeExactly() throws {
        for (r, g, b) in [(0, 0, 0), (255, 255, 255), (128, 128, 128)] as [(UInt8, UInt8, UInt8)] {
            let raster = Raster(width: 16, height: 16, pixels: Array([[r, g, b, 255]].joined().map { $0 }.repeated(256)))
            let decoded = try ImageDecoder.decode(JPEGEncoder(quality: 100, chromaSubsampling: .yuv444).encode(raster))
            #expect(decoded == raster)
        }
    }

    @Test func qualityIsValidated() throws {
        for quality in [0, -5, 101, 1000] {
            #expect(throws: PixelPipelineError.invalidJPEGQuality(quality)) { try JPEGEncoder(quality: quality) }
        }
        let raster = Fixtures.gradient(width: 32, height: 32)
        let low = try JPEGEncoder(quality: 1).encode(raster)
        let high = try JPEGEncoder(quality: 100).encode(raster)
        #expect(low.count < high.count)
        #expect(try ImageDecoder.decode(low).width == 32)
    }

    @Test func opaqueEncodeIsTurboJPEGsOwn() throws {
        let raster = Fixtures.gradient(width: 70, height: 45)
        for (subsampling, turbo) in [(JPEGEncoder.ChromaSubsampling.yuv420, TJSAMP_420), (.yuv422, TJSAMP_422), (.yuv444, TJSAMP_444)] {
            let ours = try JPEGEncoder(quality: 85, chromaSubsampling: subsampling).encode(raster)
            #expect(ours == Self.turboEncode(raster.pixels, width: 70, height: 45, subsampling: turbo, quality: 85))
        }
    }

    @Test func transparencyIsFlattenedOverTheBackground() throws {
        // Red at alpha 128 and fully transparent green, over white and over black.
        let pixels = Array([[255, 0, 0, 128], [0, 255, 0, 0]].joined().map { UInt8($0) }.repeated(64))
        let raster = Raster(width: 16, height: 8, pixels: pixels)
        #expect(RasterFlattener.flatten(raster, over: .white).prefix(8) == [255, 127, 127, 255, 255, 255, 255, 255])
        #expect(RasterFlattener.flatten(raster, over: .black).prefix(8) == [128, 0, 0, 255, 0, 0, 0, 255])
        let custom = JPEGEncoder.Background(red: 10, green: 20, blue: 30)
        #expect(RasterFlattener.flatten(raster, over: custom).prefix(8) == [133, 10, 15, 255, 10, 20, 30, 255])

        // The JPEG is TurboJPEG's encode of the flattened pixels.
        let encoder = try JPEGEncoder(quality: 90, background: custom)
        let expected = Self.turboEncode(RasterFlattener.flatten(raster, over: custom), width: 16, height: 8,
                                        subsampling: TJSAMP_420, quality: 90)
        #expect(try encoder.encode(raster) == expected)
        // White by default.
        #expect(try JPEGEncoder().background == .white)
    }

    /// The shift-and-add divide equals round((c * a + bg * (255 - a)) / 255) for every c, a.
    @Test func flatteningRoundsExactly() {
        for bg: UInt32 in [0, 77, 255] {
            for a: UInt32 in 0...255 {
                for c: UInt32 in 0...255 {
                    let exact = (Double(c * a + bg * (255 - a)) / 255).rounded()
                    if RasterFlattener.blend(c, bg, a, 255 - a) != UInt8(exact) {
                        Issue.record("c \(c) a \(a) bg \(bg)")
                        return
                    }
                }
            }
        }
    }
}

extension Array {
    func repeated(_ count: Int) -> [Element] { Array([[Element]](repeating: self, count: count).joined()) }
}
