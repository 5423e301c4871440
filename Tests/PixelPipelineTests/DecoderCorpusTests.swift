import Testing
@testable import PixelPipeline

/// Malformed, truncated and hostile bodies: each is the right error, never a crash or hang.
@Suite struct DecoderCorpusTests {
    enum Expected: Equatable {
        case notAnImage(prefix: String)
        case corrupt(ImageFormat)
        case tooLarge(ImageFormat, Int, Int)
        case server(Int, String, [String])
        case unsupported(ImageFormat)
    }

    static func check(_ bytes: [UInt8], _ expected: Expected, maxPixels: Int = ImageDecoder.defaultMaxPixels,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let result = Result { () throws(PixelPipelineError) in try ImageDecoder.decode(bytes, maxPixels: maxPixels) }
        guard case let .failure(error) = result else {
            Issue.record("decoded \(bytes.count) bytes expected to fail as \(expected)", sourceLocation: sourceLocation)
            return
        }
        let matches: Bool = switch (error, expected) {
        case let (.notAnImage(looksLike), .notAnImage(prefix)): looksLike.hasPrefix(prefix)
        case let (.corruptImage(format, _), .corrupt(expectedFormat)): format == expectedFormat
        case let (.imageTooLarge(format, width, height, limit), .tooLarge(f, w, h)):
            format == f && width == w && height == h && limit == maxPixels
        case let (.serverError(code, message, details), .server(c, m, d)): code == c && message == m && details == d
        case let (.unsupportedImage(format, _), .unsupported(f)): format == f
        default: false
        }
        #expect(matches, "\(expected) expected, got \(error)", sourceLocation: sourceLocation)
        #expect(!error.description.isEmpty)
    }

    /// A PNG with the given IHDR width and height and a valid CRC; no image data.
    static func pngHeader(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + PNGFixture.chunk("IHDR", PNGFixture.be32(width) + PNGFixture.be32(height) + [8, 6, 0, 0, 0])
            + PNGFixture.chunk("IDAT", PNGFixture.zlib([0, 0, 0, 0, 0])) + PNGFixture.chunk("IEND", [])
    }

    @Test func fixturesAreValid() throws {
        #expect(try ImageDecoder.decode(Fixtures.png).width == 40)
        #expect(try ImageDecoder.decode(Fixtures.jpeg).width == 64)
    }

    @Test func truncatedPNG() {
        let png = Fixtures.png
        Self.check(Array(png.prefix(0)), .notAnImage(prefix: "an empty body"))
        Self.check(Array(png.prefix(4)), .corrupt(.png))
        Self.check(Array(Fixtures.jpeg.prefix(2)), .corrupt(.jpeg))
        Self.check([0x89, 0x50, 0x4E, 0x48], .notAnImage(prefix: "4 bytes of binary data starting 89 50 4E 48"))
        Self.check(Array("Café: ünïcode".utf8), .notAnImage(prefix: "text (16 bytes) starting \"Café"))
        for length in [8, 12, 20, 32, 40, 60, png.count / 2, png.count - 30, png.count - 16] {
            Self.check(Array(png.prefix(length)), .corrupt(.png))
        }
    }

    @Test func corruptPNG() {
        let png = Fixtures.png
        // Flipped CRC of IHDR (bytes 29...32) and of the first IDAT.
        Self.check(Fixtures.patching(png, at: 29, with: [png[29] ^ 0xFF]), .corrupt(.png))
        Self.check(Fixtures.patching(png, at: png.count - 12 - 1, with: [png[png.count - 13] ^ 0x01]), .corrupt(.png))
        // Flipped bits inside the compressed data.
        Self.check(Fixtures.patching(png, at: 45, with: [png[45] ^ 0x5A, png[46] ^ 0xA5]), .corrupt(.png))
        // Zero width, zero height.
        Self.check(Self.pngHeader(width: 0, height: 10), .corrupt(.png))
        Self.check(Self.pngHeader(width: 10, height: 0), .corrupt(.png))
        // Signature then random bytes.
        var random = SplitMix64(seed: 3)
        Self.check(Array(png.prefix(8)) + (0..<500).map { _ in UInt8.random(in: 0...255, using: &random) }, .corrupt(.png))
    }

    @Test func hugePNGIsRefusedBeforeAllocating() {
        Self.check(Self.pngHeader(width: 100_000, height: 100_000), .tooLarge(.png, 100_000, 100_000))
        Self.check(Self.pngHeader(width: 1_000_000, height: 1_000_000), .tooLarge(.png, 1_000_000, 1_000_000))
        // The limit is per call.
        Self.check(Fixtures.png, .tooLarge(.png, 40, 30), maxPixels: 40 * 30 - 1)
        #expect(throws: Never.self) { try ImageDecoder.decode(Fixtures.png, maxPixels: 40 * 30) }
    }

    @Test func truncatedAndCorruptJPEG() throws {
        let jpeg = Fixtures.jpeg
        for length in [3, 20, 100, 200, jpeg.count / 2, jpeg.count - 2] {
            Self.check(Array(jpeg.prefix(length)), .corrupt(.jpeg))
        }
        // A Huffman table whose 16 code-length counts claim 16 * 255 codes.
        let dht = try #require(Fixtures.jpegMarker(0xC4, in: jpeg))
        Self.check(Fixtures.patching(jpeg, at: dht + 5, with: [UInt8](repeating: 0xFF, count: 16)), .corrupt(.jpeg))
        // Garbage in the entropy-coded data.
        let sos = try #require(Fixtures.jpegMarker(0xDA, in: jpeg))
        var random = SplitMix64(seed: 5)
        let noise = (0..<200).map { _ in UInt8.random(in: 0...0xFE, using: &random) }
        Self.check(Fixtures.patching(jpeg, at: sos + 20, with: noise), .corrupt(.jpeg))
    }

    @Test func jpegDimensions() throws {
        let jpeg = Fixtures.jpeg
        let sof = try #require(Fixtures.jpegMarker(0xC0, in: jpeg))
        // SOF0: FF C0, length (2), precision (1), height (2), width (2).
        Self.check(Fixtures.patching(jpeg, at: sof + 5, with: [0xFD, 0xE8, 0xFD, 0xE8]), .tooLarge(.jpeg, 65000, 65000))
        Self.check(Fixtures.patching(jpeg, at: sof + 7, with: [0, 0]), .corrupt(.jpeg))
        Self.check(Fixtures.patching(jpeg, at: sof + 5, with: [0, 0]), .corrupt(.jpeg))
    }

    @Test func nonImageBodies() {
        let arcgis = #"  {"error":{"code":400,"message":"Unable to complete operation.","details":["Invalid bbox"]}}"#
        Self.check(Array(arcgis.utf8), .server(400, "Unable to complete operation.", ["Invalid bbox"]))
        let noDetails = #"{"error":{"code":498,"message":"Invalid Token"}}"#
        Self.check(Array(noDetails.utf8), .server(498, "Invalid Token", []))
        Self.check(Array(#"{"results":[]}"#.utf8), .notAnImage(prefix: "JSON that is not an ArcGIS error"))
        let html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body></body></html>"
        Self.check(Array(html.utf8), .notAnImage(prefix: "an HTML page"))
        Self.check(Array("Service Unavailable".utf8), .notAnImage(prefix: "text (19 bytes) starting \"Service Unavailable\""))
        Self.check([], .notAnImage(prefix: "an empty body"))
        Self.check(Array(" \n\t ".utf8), .notAnImage(prefix: "4 bytes of whitespace"))
        var random = SplitMix64(seed: 11)
        for length in [1, 2, 7, 64, 4096] {
            let bytes = [0x00] + (1..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.check(bytes, .notAnImage(prefix: "\(length) bytes of binary data starting 00"))
        }
    }

    /// The whole corpus, and random mutations of both fixtures, within a time bound.
    @Test(.timeLimit(.minutes(1))) func mutationsNeverCrashOrHang() {
        let clock = ContinuousClock()
        let start = clock.now
        var random = SplitMix64(seed: 13)
        var decoded = 0, failed = 0
        for base in [Fixtures.png, Fixtures.jpeg] {
            for _ in 0..<300 {
                var bytes = base
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let index = Int.random(in: 2..<bytes.count, using: &random)
                    bytes[index] = UInt8.random(in: 0...255, using: &random)
                }
                if Bool.random(using: &random) { bytes = Array(bytes.prefix(Int.random(in: 3...bytes.count, using: &random))) }
                switch Result(catching: { () throws(PixelPipelineError) in try ImageDecoder.decode(bytes, maxPixels: 1 << 22) }) {
                case .success: decoded += 1
                case .failure: failed += 1
                }
            }
        }
        #expect(decoded + failed == 600)
        #expect(clock.now - start < .seconds(10))
    }
}
