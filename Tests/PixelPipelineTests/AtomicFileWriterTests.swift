import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PixelPipeline

@Suite struct AtomicFileWriterTests {
    /// A fresh empty directory, removed by `body`'s end.
    static func withDirectory(_ body: (String) throws -> Void) rethrows {
        var template = Array("/tmp/imagemap-atomic-XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer {
            for name in entries(directory) { unlink(directory + "/" + name) }
            rmdir(directory)
        }
        try body(directory)
    }

    static func entries(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer.prefix(count)
        }
        return bytes
    }

    @Test func writesAndReplaces() throws {
        try Self.withDirectory { directory in
            let path = directory + "/map.png"
            try AtomicFileWriter.write(Fixtures.png, to: path)
            #expect(Self.read(path) == Fixtures.png)
            try AtomicFileWriter.write([1, 2, 3], to: path)
            #expect(Self.read(path) == [1, 2, 3])
            try AtomicFileWriter.write([], to: path)
            #expect(Self.read(path) == [])
            #expect(Self.entries(directory) == ["map.png"])
            var status = stat()
            #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o644)
        }
    }

    @Test func failuresLeaveNothingBehind() {
        Self.withDirectory { directory in
            // The directory does not exist.
            #expect(throws: PixelPipelineError.self) { try AtomicFileWriter.write([1], to: directory + "/missing/map.png") }
            // The target is a directory: the rename fails, the temporary file is removed.
            #expect(mkdir(directory + "/map.png", 0o755) == 0)
            do throws(PixelPipelineError) {
                try AtomicFileWriter.write(Fixtures.png, to: directory + "/map.png")
                Issue.record("writing over a directory succeeded")
            } catch {
                guard case let .fileWriteFailed(path, operation, _) = error else { Issue.record("\(error)"); return }
                #expect(path == directory + "/map.png")
                #expect(operation.hasPrefix("rename"))
            }
            #expect(Self.entries(directory) == ["map.png"])
            rmdir(directory + "/map.png")
        }
    }
}

@Suite struct AtomicFileWriterPartsTests {
    @Test func writesThePartsOneAfterTheOther() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            try AtomicFileWriter.write(parts: [[1, 2], [], [3, 4, 5]], to: directory + "/out")
            #expect(AtomicFileWriterTests.read(directory + "/out") == [1, 2, 3, 4, 5])
            #expect(AtomicFileWriterTests.entries(directory) == ["out"])
        }
    }

    /// A PNG written while it is encoded (stripes in order as they finish) is the file
    /// `encode` returns, and decodes to the raster.
    @Test func streamsAPNGAsItIsEncoded() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            let raster = Fixtures.randomRaster(width: 300, height: 200, opaque: false, seed: 5)
            for stripes in [1, 3, 7] {
                try AtomicFileWriter.write(to: directory + "/out.png") { append throws(PixelPipelineError) in
                    try PNGEncoder().encode(raster, stripes: stripes, writingTo: append)
                }
                let file = AtomicFileWriterTests.read(directory + "/out.png") ?? []
                #expect(file == (try PNGEncoder().encode(raster, stripes: stripes)))
                #expect(try ImageDecoder.decode(file) == raster)
            }
            #expect(AtomicFileWriterTests.entries(directory) == ["out.png"])
        }
    }

    /// When the producer fails after writing some bytes, its error comes out, the temporary
    /// file is removed and the earlier file is untouched; when a write fails, the encoder
    /// stops and throws that error.
    @Test func aFailingProducerLeavesTheOldFile() throws {
        try AtomicFileWriterTests.withDirectory { directory in
            let path = directory + "/map.png"
            try AtomicFileWriter.write([7, 7, 7], to: path)
            let failure = PixelPipelineError.encodingFailed(format: .png, reason: "test")
            #expect(throws: failure) {
                try AtomicFileWriter.write(to: path) { append throws(PixelPipelineError) in
                    try [1, 2, 3].withBytes(append)
                    throw failure
                }
            }
            #expect(AtomicFileWriterTests.read(path) == [7, 7, 7])
            #expect(AtomicFileWriterTests.entries(directory) == ["map.png"])

            let raster = Fixtures.randomRaster(width: 300, height: 200, opaque: true, seed: 6)
            let calls = Mutex(0)
            let refused = PixelPipelineError.fileWriteFailed(path: path, operation: "write", reason: "disk full")
            #expect(throws: refused) {
                try PNGEncoder().encode(raster, stripes: 5) { _ throws(PixelPipelineError) in
                    let call = calls.withLock { $0 += 1; return $0 }
                    if call == 3 { throw refused }  // the header, then the first IDAT's length and type
                }
            }
            // Nothing is written after the failed call.
            #expect(calls.withLock { $0 } == 3)
        }
    }
}
