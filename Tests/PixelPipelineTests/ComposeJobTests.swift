#if canImport(Glibc)
import Glibc
#endif
import LayerOptions
import Testing
@testable import PixelPipeline

/// The whole pipeline on small generated PNG and JPEG files: exact pixels, every error, and
/// both decoding strategies.
@Suite struct ComposeJobTests {
    static let strategies: [ComposeJob.Decoding] = [.allAtOnce, .bounded(layers: 2), .bounded(layers: 1), .bounded(layers: 3)]

    /// A raster of one colour.
    static func solid(_ width: Int, _ height: Int, _ rgba: [UInt8]) -> Raster {
        Raster(width: width, height: height, pixels: Array((0 ..< width * height).map { _ in rgba }.joined()))
    }

    static func pixel(_ raster: Raster, _ x: Int, _ y: Int) -> [UInt8] {
        let offset = (y * raster.width + x) * 4
        return Array(raster.pixels[offset ..< offset + 4])
    }

    /// Writes the test layers into `directory`:
    /// - `base.jpg`: 16x16 grey 100 (q100 4:4:4, decodes exactly);
    /// - `box.png`: 8x8 RGBA (200, 50, 150, 255), drawn at (4, 4) with opacity 0.6;
    /// - `nodata.png`: 6x6 opaque RGB, drawn at (-2, -2): (0, 0, 0) on its top row,
    ///   (0, 50, 50) on its second, (10, 20, 30) elsewhere; opacity 0.5.
    static func writeLayers(in directory: String) throws {
        try AtomicFileWriter.write(JPEGEncoder(quality: 100, chromaSubsampling: .yuv444).encode(solid(16, 16, [100, 100, 100, 255])),
                                   to: directory + "/base.jpg")
        try AtomicFileWriter.write(PNGEncoder().encode(solid(8, 8, [200, 50, 150, 255])), to: directory + "/box.png")
        var noData = solid(6, 6, [10, 20, 30, 255])
        for x in 0 ..< 6 {
            noData.pixels.replaceSubrange(x * 4 ..< x * 4 + 3, with: [0, 0, 0])
            noData.pixels.replaceSubrange((6 + x) * 4 ..< (6 + x) * 4 + 3, with: [0, 50, 50])
        }
        try AtomicFileWriter.write(PNGEncoder().encode(noData), to: directory + "/nodata.png")
    }

    static func spec(_ interpretation: String, format: String = "png") -> String {
        """
        {"size": [16, 16], "layers": [
            {"file": "base.jpg"},
            {"file": "box.png", "opacity": 0.6, "origin": [4, 4]},
            {"file": "nodata.png", "opacity": 0.5, "origin": [-2, -2], "noData": [0, 0, 0], "noDataInterpretation": "\(interpretation)"}],
         "format": "\(format)", "quality": 95}
        """
    }

    static func job(_ interpretation: String, in directory: String, format: String = "png",
                    decoding: ComposeJob.Decoding) throws -> ComposeJob {
        var job = try ComposeJob(spec: ComposeSpec.parse(spec(interpretation, format: format)), relativeTo: directory)
        job.decoding = decoding
        return job
    }

    @Test(arguments: strategies)
    func composesTheFilesExactly(_ decoding: ComposeJob.Decoding) throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try Self.writeLayers(in: directory)
            for interpretation in ["esriNoDataMatchAll", "esriNoDataMatchAny"] {
                let out = directory + "/out.png"
                let timings = try Self.job(interpretation, in: directory, decoding: decoding).run(writingTo: out)
                let bytes = try #require(AtomicFileWriterTests.read(out))
                #expect(timings.outputBytes == bytes.count)
                let image = try ImageDecoder.decode(bytes)
                #expect(image.width == 16 && image.height == 16)
                // Base alone: the JPEG's grey.
                #expect(Self.pixel(image, 15, 15) == [100, 100, 100, 255])
                #expect(Self.pixel(image, 12, 3) == [100, 100, 100, 255])
                // Box at 0.6 over grey: 100 + 0.6 (200 - 100) = 160, 100 - 0.6 * 50 = 70, 130.
                #expect(Self.pixel(image, 11, 11) == [160, 70, 130, 255])
                #expect(Self.pixel(image, 4, 4) == [160, 70, 130, 255])
                // The noData layer's row 0 is off the canvas (origin -2); its row 1 (0, 50, 50)
                // lands on canvas row -1, also off. Rows 2-5 land on canvas rows 0-3, columns 0-3.
                // (10, 20, 30) at 0.5 over grey: 55, 60, 65.
                #expect(Self.pixel(image, 0, 0) == [55, 60, 65, 255])
                #expect(Self.pixel(image, 3, 3) == [55, 60, 65, 255])
                // ... and over the box at (4, 4)? The noData layer ends at canvas (3, 3).
                #expect(Self.pixel(image, 4, 3) == [100, 100, 100, 255])
            }
        }
    }

    /// MatchAll keeps (0, 50, 50), MatchAny drops it; (0, 0, 0) goes with both.
    @Test(arguments: strategies)
    func noDataInterpretationDecides(_ decoding: ComposeJob.Decoding) throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try Self.writeLayers(in: directory)
            func render(_ interpretation: String) throws -> Raster {
                var job = try Self.job(interpretation, in: directory, decoding: decoding)
                job.layers[2].placement = LayerPlacement(x: 0, y: 0)
                return try ImageDecoder.decode(job.render())
            }
            let all = try render("esriNoDataMatchAll"), any = try render("esriNoDataMatchAny")
            #expect(Self.pixel(all, 2, 0) == [100, 100, 100, 255])
            #expect(Self.pixel(any, 2, 0) == [100, 100, 100, 255])
            // (0, 50, 50) at 0.5 over grey: 50, 75, 75.
            #expect(Self.pixel(all, 2, 1) == [50, 75, 75, 255])
            #expect(Self.pixel(any, 2, 1) == [100, 100, 100, 255])
            #expect(Self.pixel(all, 2, 2) == [55, 60, 65, 255])
            #expect(Self.pixel(any, 2, 2) == [55, 60, 65, 255])
        }
    }

    @Test func writesJPEGWhenAsked() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try Self.writeLayers(in: directory)
            let job = try Self.job("esriNoDataMatchAll", in: directory, format: "jpg", decoding: .bounded(layers: 2))
            #expect(throws: ComposeJobError.outputFormatMismatch(path: directory + "/out.png", format: .jpeg)) {
                try job.run(writingTo: directory + "/out.png")
            }
            try job.run(writingTo: directory + "/out.JPEG")
            let bytes = try #require(AtomicFileWriterTests.read(directory + "/out.JPEG"))
            #expect(ImageFormat(sniffing: bytes) == .jpeg)
            let image = try ImageDecoder.decode(bytes)
            #expect(image.width == 16 && image.height == 16)
            // Lossy, but a flat 4:2:0 q95 region stays within a few levels.
            for (channel, expected) in [100, 100, 100, 255].enumerated() {
                #expect(abs(Int(Self.pixel(image, 15, 15)[channel]) - expected) <= 3)
            }
        }
    }

    /// Several layers and both strategies: the bounded one (which rounds the canvas after
    /// each layer) stays within 2 of the fused single pass over an opaque base, and gives the
    /// same bytes however the workers interleave.
    @Test func boundedMatchesAllAtOnceOverAnOpaqueBase() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try AtomicFileWriter.write(PNGEncoder().encode(Fixtures.gradient(width: 48, height: 40)), to: directory + "/0.png")
            var layers = [ComposeJob.Layer(path: directory + "/0.png")]
            for index in 1 ... 6 {
                let raster = Fixtures.randomRaster(width: 30, height: 20 + index, opaque: false, seed: UInt64(index))
                try AtomicFileWriter.write(PNGEncoder().encode(raster), to: directory + "/\(index).png")
                layers.append(ComposeJob.Layer(path: directory + "/\(index).png", placement: LayerPlacement(x: index * 5 - 10, y: index * 4 - 6),
                                               opacity: Double(index) / 7, noData: index == 3 ? NoDataMask(value: 7) : nil))
            }
            let reference = ComposeJob(width: 48, height: 40, layers: layers, output: .png(PNGEncoder()), decoding: .allAtOnce)
            var timings = ComposeJob.Timings()
            let exact = try reference.composite(timings: &timings)
            var firstBounded: Raster?
            // Repeated: the workers take layers by file size and wait on each other, so
            // every interleaving must end (no deadlock) with the same pixels.
            for workers in [1, 2, 3, 7] + Array(repeating: 2, count: 20) + Array(repeating: 3, count: 20) {
                var job = reference
                job.decoding = .bounded(layers: workers)
                let bounded = try job.composite(timings: &timings)
                let worst = zip(exact.pixels, bounded.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
                #expect(worst <= 2, "workers \(workers)")
                if let first = firstBounded {
                    #expect(bounded == first, "workers \(workers): the same bytes whatever the interleaving")
                } else {
                    firstBounded = bounded
                }
            }
        }
    }

    @Test(arguments: strategies)
    func namesTheLayerAndFileThatFailed(_ decoding: ComposeJob.Decoding) throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try Self.writeLayers(in: directory)
            let out = directory + "/out.png"
            try AtomicFileWriter.write([1, 2, 3], to: out)  // an earlier file, which must survive
            try AtomicFileWriter.write(Array(#"{"error":{"code":400,"message":"Bad"}}"#.utf8), to: directory + "/json.png")
            let png = try #require(AtomicFileWriterTests.read(directory + "/box.png"))
            try AtomicFileWriter.write(Array(png.prefix(png.count - 20)), to: directory + "/truncated.png")
            try AtomicFileWriter.write(Array("hello".utf8), to: directory + "/text.png")

            func failure(_ file: String) throws -> ComposeJobError? {
                var job = try Self.job("esriNoDataMatchAll", in: directory, decoding: decoding)
                job.layers[1].path = directory + "/" + file
                do { try job.run(writingTo: out) } catch { return error }
                return nil
            }
            let path = { (file: String) in directory + "/" + file }
            #expect(try failure("missing.png") == .unreadableFile(layer: 1, path: path("missing.png"), reason: "No such file or directory"))
            #expect(try failure(".") == .unreadableFile(layer: 1, path: path("."), reason: "it is a directory"))
            #expect(try failure("text.png") == .badImage(layer: 1, path: path("text.png"), error: .notAnImage(looksLike: "text (5 bytes) starting \"hello\"")))
            #expect(try failure("json.png") == .badImage(layer: 1, path: path("json.png"), error: .serverError(code: 400, message: "Bad", details: [])))
            guard case .badImage(1, path("truncated.png"), .corruptImage(format: .png, _))? = try failure("truncated.png") else {
                Issue.record("a truncated PNG is a corrupt image of layer 1")
                return
            }
            #expect(try failure("missing.png")?.description
                    == "layers[1]: cannot read \(path("missing.png")): No such file or directory. Check its \"file\" (a relative path is relative to the spec's folder)")
            #expect(AtomicFileWriterTests.read(out) == [1, 2, 3])
            #expect(AtomicFileWriterTests.entries(directory).filter { $0.hasPrefix(".") } == [])
        }
    }

    @Test func checksTheOutputPathAndTheWrite() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try Self.writeLayers(in: directory)
            let job = try Self.job("esriNoDataMatchAll", in: directory, decoding: .allAtOnce)
            for accepted in ["out.png", "OUT.PNG", "out", "dir.jpg/out", "out.webp", ".png"] {
                #expect(throws: Never.self) { try job.checkOutputPath(accepted) }
            }
            let mismatch = ComposeJobError.outputFormatMismatch(path: "a/b.jpg", format: .png)
            #expect(throws: mismatch) { try job.checkOutputPath("a/b.jpg") }
            #expect(mismatch.isUsageError)
            #expect(mismatch.description == "the output a/b.jpg names another format than the spec's PNG: write it to a .png file, or set \"format\": \"jpg\" in the spec")
            let missingDirectory = directory + "/no/such/out.png"
            guard case .writing(.fileWriteFailed(path: missingDirectory, _, _))? = Self.error({ () throws(ComposeJobError) in try job.run(writingTo: missingDirectory) }) else {
                Issue.record("writing into a missing directory fails as a write")
                return
            }
        }
    }

    @Test func resolvesRelativePathsAgainstTheSpecFolder() throws {
        let spec = try ComposeSpec.parse(#"{"size": [2, 2], "layers": [{"file": "a.png"}, {"file": "/abs/b.jpg"}, {"file": "sub/c.png", "noData": 5}]}"#)
        let job = try ComposeJob(spec: spec, relativeTo: "/maps")
        #expect(job.layers.map(\.path) == ["/maps/a.png", "/abs/b.jpg", "/maps/sub/c.png"])
        #expect(job.layers[2].noData == NoDataMask(value: 5, interpretation: .matchAny))
        #expect(try ComposeJob(spec: spec, relativeTo: "").layers[0].path == "a.png")
        #expect(try ComposeJob(spec: spec, relativeTo: "rel/").layers[0].path == "rel/a.png")
    }

    @Test func noDataMaskFromTheLayerOption() throws {
        #expect(NoDataMask(try NoDataValue(0)) == NoDataMask(value: 0, interpretation: .matchAny))
        #expect(NoDataMask(try NoDataValue([1, 2, 3])) == NoDataMask(perBand: [1, 2, 3], interpretation: .matchAll))
        #expect(NoDataMask(try NoDataValue(parsing: "4"), interpretation: .matchAll) == NoDataMask(value: 4, interpretation: .matchAll))
        #expect(NoDataMask(try NoDataValue(parsing: "1,2"), interpretation: .matchAny) == NoDataMask(perBand: [1, 2], interpretation: .matchAny))
    }

    /// PNGs decoded from the file as it is read give what decoding the bytes in memory gives:
    /// every colour type, a gAMA chunk, and corrupt files (the same error case).
    @Test func streamingPNGDecodeEqualsTheInMemoryOne() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            let gray = (0 ..< 3).map { y in (0 ..< 5).map { ($0 + y) % 2 } }
            let rgb16 = (0 ..< 3).map { y in (0 ..< 15).map { $0 * 4000 + y * 7 } }
            let palette = (0 ..< 3).map { y in (0 ..< 5).map { ($0 + y) % 3 } }
            let rgba = (0 ..< 3).map { y in (0 ..< 20).map { ($0 * 13 + y * 31) % 256 } }
            let truncated = Array(Fixtures.png.prefix(Fixtures.png.count - 30))
            var badCRC = Fixtures.png
            badCRC[30] ^= 0xFF
            let files: [[UInt8]] = [
                PNGFixture.make(width: 5, height: 3, colorType: 0, bitDepth: 1, samples: gray),
                PNGFixture.make(width: 5, height: 3, colorType: 2, bitDepth: 16, samples: rgb16, filter: 4),
                PNGFixture.make(width: 5, height: 3, colorType: 3, bitDepth: 8, samples: palette,
                                palette: [(1, 2, 3), (200, 100, 50), (9, 9, 9)], transparency: [0, 128]),
                PNGFixture.make(width: 5, height: 3, colorType: 6, bitDepth: 8, samples: rgba, filter: 2,
                                extraChunks: [("gAMA", [0, 1, 0x86, 0xA0])]),
                Fixtures.png, truncated, badCRC, Fixtures.jpeg,
            ]
            for (index, bytes) in files.enumerated() {
                let path = directory + "/\(index).img"
                try AtomicFileWriter.write(bytes, to: path)
                let inMemory = Result { () throws(PixelPipelineError) in try ImageDecoder.decode(bytes) }
                let streamed = Result { () throws(ComposeJobError) in try LayerFile.decode(path, layer: 0, maxPixels: ImageDecoder.defaultMaxPixels) }
                switch (inMemory, streamed) {
                case let (.success(expected), .success(raster)):
                    #expect(raster == expected, "file \(index)")
                case (.failure(.corruptImage(.png, _)), .failure(.badImage(0, path, .corruptImage(.png, _)))):
                    break
                default:
                    Issue.record("file \(index): \(inMemory) against \(streamed)")
                }
            }
            #expect(throws: ComposeJobError.badImage(layer: 0, path: directory + "/4.img", error: .imageTooLarge(format: .png, width: 40, height: 30, maxPixels: 100))) {
                try LayerFile.decode(directory + "/4.img", layer: 0, maxPixels: 100)
            }
        }
    }

    static func error(_ body: () throws(ComposeJobError) -> Void) -> ComposeJobError? {
        do { try body() } catch { return error }
        return nil
    }
}
