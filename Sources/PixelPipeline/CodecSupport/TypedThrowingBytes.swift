extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws ``PixelPipelineError``: the standard
    /// library's is `rethrows`, which widens the error to `any Error`.
    func withBytes(_ body: (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void) throws(PixelPipelineError) {
        try withUnsafeBytes { bytes in Result { () throws(PixelPipelineError) in try body(bytes) } }.get()
    }
}
