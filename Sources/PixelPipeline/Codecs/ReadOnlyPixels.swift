/// A raster's bytes lent read-only to the tasks of one `concurrentPerform` loop, which
/// all end before the lending `withUnsafeBufferPointer` call returns.
struct ReadOnlyPixels: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
}
