import CTurboJPEG

/// Owns one TurboJPEG compressor or decompressor handle; destroyed with the object.
/// Not shared between threads: each encode or decode makes its own.
final class TurboJPEGHandle {
    let handle: tjhandle

    init?(decompressor: Void) {
        guard let handle = tjInitDecompress() else { return nil }
        self.handle = handle
    }

    init?(compressor: Void) {
        guard let handle = tjInitCompress() else { return nil }
        self.handle = handle
    }

    deinit { tjDestroy(handle) }

    /// TurboJPEG's message for the last failure on this handle.
    var lastError: String {
        guard let text = tjGetErrorStr2(handle) else { return "TurboJPEG reported an error without a message" }
        return String(cString: text)
    }
}
