#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private let systemRead = read

/// Reads a layer's image file whole.
enum LayerFile {
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
