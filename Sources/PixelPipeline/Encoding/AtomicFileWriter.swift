#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private let systemWrite = write

/// Writes files so that readers see either the old file or the whole new one, never a part:
/// the bytes go to a temporary file in the destination's directory, are flushed to disk,
/// and the temporary file is renamed over the destination. On any failure the temporary
/// file is removed and the destination is left as it was.
public enum AtomicFileWriter {
    /// Writes `bytes` to `path` atomically, with permissions `rw-r--r--` (0644).
    /// - Throws: ``PixelPipelineError/fileWriteFailed(path:operation:reason:)``.
    public static func write(_ bytes: [UInt8], to path: String) throws(PixelPipelineError) {
        try write(parts: [bytes], to: path)
    }

    /// Writes the concatenation of `parts` to `path` atomically (see ``write(_:to:)``),
    /// without joining them in memory first.
    public static func write(parts: [[UInt8]], to path: String) throws(PixelPipelineError) {
        try write(to: path) { write throws(PixelPipelineError) in
            for part in parts {
                try part.withBytes { bytes throws(PixelPipelineError) in try write(bytes) }
            }
        }
    }

    /// Writes the file that `produce` makes, atomically (see ``write(_:to:)``): `produce` is
    /// given a function that appends bytes to the temporary file (from any thread, one call at
    /// a time), so the file can be written while it is still being made. If `produce` throws,
    /// the temporary file is removed and its error is thrown.
    public static func write(to path: String,
                             _ produce: (_ append: @Sendable (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void)
                                 throws(PixelPipelineError) -> Void) throws(PixelPipelineError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .fileWriteFailed(path: path, operation: "choose a file name", reason: "the path names a directory")
        }
        var template = Array("\(directory.isEmpty ? "" : directory)/.\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw failure(path, "create a temporary file in \(directory.isEmpty ? "/" : directory)")
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var open = true
        do throws(PixelPipelineError) {
            try produce { bytes throws(PixelPipelineError) in
                guard writeAll(bytes, to: descriptor) else { throw failure(path, "write \(temporary)") }
            }
            guard fchmod(descriptor, 0o644) == 0 else { throw failure(path, "set permissions of \(temporary)") }
            guard fsync(descriptor) == 0 else { throw failure(path, "flush \(temporary) to disk") }
            open = false
            guard close(descriptor) == 0 else { throw failure(path, "close \(temporary)") }
            guard rename(temporary, path) == 0 else { throw failure(path, "rename \(temporary) to \(path)") }
        } catch {
            let saved = errno
            if open { close(descriptor) }
            unlink(temporary)
            errno = saved
            throw error
        }
    }

    /// Writes every byte, retrying short writes and interrupted calls; `false` with `errno` set on failure.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private static func failure(_ path: String, _ operation: String) -> PixelPipelineError {
        .fileWriteFailed(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
