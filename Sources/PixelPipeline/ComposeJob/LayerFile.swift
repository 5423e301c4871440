#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private let systemRead = read

import LayerOptions

/// Reads a layer's image file.
enum LayerFile {
    /// The decoded image of the file at `path`, for layer `layer`. A PNG is decoded as it is
    /// read (mapped for the libdeflate fast path, else streamed through libpng: either way no
    /// buffer besides the raster); anything else is read whole first.
    static func decode(_ path: String, layer: Int, maxPixels: Int) throws(ComposeJobError) -> Raster {
        guard let file = fopen(path, "rb") else { throw failure(path, layer) }
        defer { fclose(file) }
        var status = stat()
        guard fstat(fileno(file), &status) == 0 else { throw failure(path, layer) }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw .unreadableFile(layer: layer, path: path, reason: "it is a directory")
        }
        var signature = [UInt8](repeating: 0, count: ImageFormat.pngSignature.count)
        let count = fread(&signature, 1, signature.count, file)
        guard ferror(file) == 0 else { throw failure(path, layer) }
        let result: Result<Raster, PixelPipelineError>
        if count == signature.count, ImageFormat(sniffing: signature) == .png, fseek(file, 0, SEEK_SET) == 0 {
            do throws(PixelPipelineError) {
                result = .success(try PNGDecoder.decode(file: file, maxPixels: maxPixels))
            } catch {
                result = .failure(error)
            }
        } else {
            let bytes = try read(path, layer: layer)
            result = bytes.withUnsafeBytes { ImageDecoder.decodeResult($0, maxPixels: maxPixels) }
        }
        switch result {
        case .success(let raster): return raster
        case .failure(let error): throw .badImage(layer: layer, path: path, error: error)
        }
    }

    /// The bytes of the file at `path`, for layer `layer`.
    static func read(_ path: String, layer: Int) throws(ComposeJobError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, layer) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, layer) }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw .unreadableFile(layer: layer, path: path, reason: "it is a directory")
        }
        var bytes: [UInt8] = []
        // A regular file is read into one exact allocation; anything else (a pipe) in chunks.
        var capacity = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) + 1 : 1 << 20
        var count = 0
        while true {
            if count == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: max(capacity - bytes.count, 1 << 16)))
                capacity = bytes.count * 2
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { systemRead(descriptor, $0 + count, buffer.count - count) } ?? 0
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(path, layer)
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private static func failure(_ path: String, _ layer: Int) -> ComposeJobError {
        .unreadableFile(layer: layer, path: path, reason: String(cString: strerror(errno)))
    }
}
