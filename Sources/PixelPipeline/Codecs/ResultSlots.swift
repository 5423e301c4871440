/// One slot per task of a `DispatchQueue.concurrentPerform` loop: each iteration writes
/// only its own index, and the slots are read after the loop has returned.
final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Value, PixelPipelineError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Stores the result of iteration `index`; call once per index.
    func store(_ result: Result<Value, PixelPipelineError>, at index: Int) {
        slots[index] = result
    }

    /// The results in index order; every index must have been stored.
    func collect() -> [Result<Value, PixelPipelineError>] {
        slots.map { $0 ?? .failure(.encodingFailed(format: .png, reason: "a parallel task produced no result")) }
    }
}
