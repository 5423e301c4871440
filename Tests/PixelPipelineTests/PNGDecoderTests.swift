import Testing
@testable import PixelPipeline

/// Every PNG colour type and bit depth, hand-assembled from known samples, decodes to the
/// RGBA8 the rules give:
/// - gray `b` bits → `v * 255 / (2^b - 1)` (1 bit ×255, 2 bits ×85, 4 bits ×17), as R = G = B;
/// - 16-bit samples → `(v * 255 + 32895) >> 16` (v / 257 rounded; libpng's simplified API,
///   samples taken as sRGB);
/// - alpha 255 unless the image has alpha or a tRNS entry matches (then 0, or the palette's alpha).
@Suite struct PNGDecoderTests {
    static func to8(_ value: Int, bits: Int) -> UInt8 {
        switch bits {
        case 16: UInt8((value * 255 + 32895) >> 16)
        default: UInt8(value * 255 / ((1 << bits) - 1))
        }
    }

    struct Case: CustomStringConvertible, Sendable {
        var colorType: UInt8, bitDepth: UInt8, withTRNS: Bool
        var description: String { "colour type \(colorType), \(bitDepth) bits\(withTRNS ? ", tRNS" : "")" }
    }

    static let cases: [Case] = [
        Case(colorType: 0, bitDepth: 1, withTRNS: false), Case(colorType: 0, bitDepth: 2, withTRNS: false),
        Case(colorType: 0, bitDepth: 4, withTRNS: false), Case(colorType: 0, bitDepth: 8, withTRNS: false),
        Case(colorType: 0, bitDepth: 16, withTRNS: false), Case(colorType: 0, bitDepth: 8, withTRNS: true),
        Case(colorType: 4, bitDepth: 8, withTRNS: false), Case(colorType: 4, bitDepth: 16, withTRNS: false),
        Case(colorType: 3, bitDepth: 8, withTRNS: false), Case(colorType: 3, bitDepth: 8, withTRNS: true),
        Case(colorType: 3, bitDepth: 4, withTRNS: true), Case(colorType: 3, bitDepth: 1, withTRNS: false),
        Case(colorType: 2, bitDepth: 8, withTRNS: false), Case(colorType: 2, bitDepth: 8, withTRNS: true),
        Case(colorType: 2, bitDepth: 16, withTRNS: false), Case(colorType: 2, bitDepth: 16, withTRNS: true),
        Case(colorType: 6, bitDepth: 8, withTRNS: false), Case(colorType: 6, bitDepth: 16, withTRNS: false),
    ]

    @Test(arguments: cases, [UInt8(0), 1, 2, 3, 4])
    func decodesExactly(_ test: Case, filter: UInt8) throws {
        let width = 13, height = 7
        let bits = Int(test.bitDepth)
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(test.colorType)] ?? 1
        var random = SplitMix64(seed: UInt64(test.colorType) << 8 | UInt64(test.bitDepth) << 1 | (test.withTRNS ? 1 : 0))
        let maxSample = test.colorType == 3 ? min(1 << bits, 10) - 1 : (1 << bits) - 1
        let palette: [(UInt8, UInt8, UInt8)] = test.colorType == 3
            ? (0...maxSample).map { _ in (UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random)) }
            : []
        var samples = (0..<height).map { _ in (0..<width * channels).map { _ in Int.random(in: 0...maxSample, using: &random) } }
        // The key colour of tRNS appears in the image: the first pixel of every other row.
        var transparency: [UInt8]?
        var key: [Int] = []
        if test.withTRNS {
            if test.colorType == 3 {
                transparency = (0...maxSample).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                key = Array(samples[0][0..<channels])
                transparency = key.flatMap { PNGFixture.be32($0).suffix(2) }
                for y in stride(from: 2, to: height, by: 2) { samples[y].replaceSubrange(0..<channels, with: key) }
            }
        }
        let png = PNGFixture.make(width: width, height: height, colorType: test.colorType, bitDepth: test.bitDepth,
                                  samples: samples, palette: palette, transparency: transparency, filter: filter)

        var expected: [UInt8] = []
        for row in samples {
            for x in 0..<width {
                let pixel = Array(row[x * channels ..< (x + 1) * channels])
                switch test.colorType {
                case 0:
                    let v = Self.to8(pixel[0], bits: bits)
                    expected += [v, v, v, test.withTRNS && pixel == key ? 0 : 255]
                case 4:
                    let v = Self.to8(pixel[0], bits: bits)
                    expected += [v, v, v, Self.to8(pixel[1], bits: bits)]
                case 3:
                    let entry = palette[pixel[0]]
                    expected += [entry.0, entry.1, entry.2, transparency.map { $0[pixel[0]] } ?? 255]
                case 2:
                    expected += pixel.map { Self.to8($0, bits: bits) } + [test.withTRNS && pixel == key ? 0 : 255]
                default:
                    expected += pixel.map { Self.to8($0, bits: bits) }
                }
            }
        }
        let raster = try ImageDecoder.decode(png)
        #expect(raster.width == width)
        #expect(raster.height == height)
        #expect(raster.pixels == expected)
    }

    @Test func sixteenBitScalingRuleHoldsForEverySample() throws {
        // All 65536 gray values in one 256x256 image.
        let samples = (0..<256).map { y in (0..<256).map { x in y << 8 | x } }
        let png = PNGFixture.make(width: 256, height: 256, colorType: 0, bitDepth: 16, samples: samples)
        let raster = try ImageDecoder.decode(png)
        let expected = samples.joined().flatMap { v -> [UInt8] in
            let e = Self.to8(v, bits: 16)
            return [e, e, e, 255]
        }
        #expect(raster.pixels == expected)
    }
}
