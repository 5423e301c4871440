import Dispatch

/// ``ComposeJob/Decoding/bounded(layers:)``: `workers` threads each read and decode the next
/// layer in order; a decoded layer is drawn onto the canvas as soon as every layer below it
/// has been, together (in one fused pass) with any layers above it that are already decoded
/// and waiting. A worker whose layer waits does not start another, so at most `workers`
/// decoded layers (and their files) are alive at once.
///
/// Only the worker holding the lowest layer not yet drawn (`next`) draws, so draws never
/// overlap and happen bottom first; it also draws the waiting layers of the other workers
/// and then wakes them.
final class ProgressiveComposition: @unchecked Sendable {
    private let job: ComposeJob
    /// Guards every property below it.
    private let lock = DispatchSemaphore(value: 1)
    private var nextToDecode = 0
    private var nextToDraw = 0
    /// Decoded layers waiting for the layers below them.
    private var waiting: [CompositeLayer?]
    /// Signalled when layer i, decoded by a worker that then waited, has been drawn (or the job failed).
    private let drawn: [DispatchSemaphore]
    private var canvas: Raster
    private var failure: (layer: Int, error: ComposeJobError)?
    private var readTime = Duration.zero
    private var drawTime = Duration.zero

    private init(job: ComposeJob) {
        self.job = job
        waiting = Array(repeating: nil, count: job.layers.count)
        drawn = job.layers.map { _ in DispatchSemaphore(value: 0) }
        canvas = Raster(width: job.width, height: job.height)
    }

    static func run(_ job: ComposeJob, workers: Int, timings: inout ComposeJob.Timings) throws(ComposeJobError) -> Raster {
        let state = ProgressiveComposition(job: job)
        let clock = ContinuousClock()
        let start = clock.now
        let count = min(workers, job.layers.count)
        if count <= 1 {
            state.work()
        } else {
            DispatchQueue.concurrentPerform(iterations: count) { _ in state.work() }
        }
        if let failure = state.failure { throw failure.error }
        timings.read = state.readTime
        timings.decode = clock.now - start
        timings.compose = state.drawTime
        return state.canvas
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.wait()
        defer { lock.signal() }
        return body()
    }

    /// One worker: decode the next layer, hand it over, repeat until none is left.
    private func work() {
        let clock = ContinuousClock()
        while true {
            let index: Int? = locked {
                guard failure == nil, nextToDecode < job.layers.count else { return nil }
                defer { nextToDecode += 1 }
                return nextToDecode
            }
            guard let index else { return }

            let start = clock.now
            let result: Result<CompositeLayer, ComposeJobError>
            do throws(ComposeJobError) {
                let bytes = try LayerFile.read(job.layers[index].path, layer: index)
                let read = clock.now - start
                locked { readTime += read }
                let decoded = bytes.withUnsafeBytes { ImageDecoder.decodeResult($0, maxPixels: job.maxPixels) }
                switch decoded {
                case .success(let raster): result = .success(job.compositeLayer(index, raster))
                case .failure(let error): throw ComposeJobError.badImage(layer: index, path: job.layers[index].path, error: error)
                }
            } catch {
                result = .failure(error)
            }

            switch result {
            case .failure(let error):
                fail(index, error)
                return
            case .success(let layer):
                let mustWait: Bool = locked {
                    guard failure == nil else { return false }
                    waiting[index] = layer
                    return index != nextToDraw
                }
                if mustWait {
                    drawn[index].wait()
                } else {
                    drawFromBottom(own: index)
                }
            }
        }
    }

    /// Draws every consecutive decoded layer from `nextToDraw` up, then wakes their workers.
    private func drawFromBottom(own: Int) {
        let clock = ContinuousClock()
        while true {
            let batch: [(Int, CompositeLayer)] = locked {
                guard failure == nil else { return [] }
                var batch: [(Int, CompositeLayer)] = []
                var index = nextToDraw
                while index < waiting.count, let layer = waiting[index] {
                    batch.append((index, layer))
                    waiting[index] = nil
                    index += 1
                }
                return batch
            }
            guard !batch.isEmpty else { return }
            let start = clock.now
            do {
                try Compositor.compose(batch.map(\.1), onto: &canvas)
            } catch {
                fail(batch[0].0, .compositing(error))
                return
            }
            let elapsed = clock.now - start
            locked {
                drawTime += elapsed
                nextToDraw += batch.count
            }
            for (index, _) in batch where index != own { drawn[index].signal() }
        }
    }

    /// Records the failure of layer `index` (the lowest failing layer wins) and wakes every
    /// waiting worker.
    private func fail(_ index: Int, _ error: ComposeJobError) {
        let sleepers: [Int] = locked {
            if failure.map({ index < $0.layer }) ?? true { failure = (index, error) }
            var sleepers: [Int] = []
            for slot in waiting.indices where waiting[slot] != nil {
                waiting[slot] = nil
                sleepers.append(slot)
            }
            return sleepers
        }
        for slot in sleepers { drawn[slot].signal() }
    }
}
