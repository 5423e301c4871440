import CDeflate

/// Owns one libdeflate compressor (its match finder's memory); freed with the object.
/// Not shared between threads: each stripe makes its own.
final class DeflateCompressor {
    let raw: OpaquePointer
    let level: Int32

    /// `level` 1 (fastest) ... 12 (smallest).
    init?(level: Int32) {
        guard let raw = libdeflate_alloc_compressor(level) else { return nil }
        self.raw = raw
        self.level = level
    }

    deinit { libdeflate_free_compressor(raw) }
}
