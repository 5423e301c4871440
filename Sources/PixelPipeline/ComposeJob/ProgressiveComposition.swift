import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ``ComposeJob/Decoding/bounded(layers:)``: `workers` threads each read and decode a layer;
/// a decoded layer is drawn onto the canvas (in place, one layer a pass) as soon as every
/// layer below it has been. A worker whose layer waits does not start another, so at most `workers` decoded
/// layers are alive at once (PNG files are decoded as they are read, so their compressed
/// bytes are never held whole).
///
/// Which layer a worker takes: the lowest layer not yet drawn (`nextToDraw`) when nobody is
/// decoding it, so the bottom of the stack always moves; otherwise the remaining layer with
/// the largest file (decoding time follows the compressed size), so the long decodes start
/// early and overlap the chain of cheap ones instead of ending it. Drawing stays bottom first.
///
/// Progress is guaranteed: a worker only holds a layer it cannot draw while another worker
/// decodes `nextToDraw`, and that worker draws it and every waiting layer above it when done;
/// only the worker that finished `nextToDraw` draws, so draws never overlap.
final class ProgressiveComposition: @unchecked Sendable {
    private let job: ComposeJob
    /// Each layer file's size in bytes (0 when it cannot be read: the read reports why).
    private let fileSizes: [Int]
    /// Guards every property below it.
    private let lock = DispatchSemaphore(value: 1)
    /// Layers no worker has taken yet.
    private var notStarted: Set<Int>
    private var nextToDraw = 0
    /// Decoded layers waiting for the layers below them.
    private var waiting: [CompositeLayer?]
    /// Signalled when layer i, decoded by a worker that then waited, has been drawn (or the job failed).
    private let drawn: [DispatchSemaphore]
    /// Made when the bottom layer is drawn (``Compositor/canvas(drawing:width:height:)``).
    private var canvas: Raster?
    private var failure: (layer: Int, error: ComposeJobError)?
    private var drawTime = Duration.zero

    private init(job: ComposeJob) {
        self.job = job
        fileSizes = job.layers.map { layer in
            var status = stat()
            return stat(layer.path, &status) == 0 ? Int(status.st_size) : 0
        }
        notStarted = Set(job.layers.indices)
        waiting = Array(repeating: nil, count: job.layers.count)
        drawn = job.layers.map { _ in DispatchSemaphore(value: 0) }
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
        timings.decode = clock.now - start
        timings.compose = state.drawTime
        return state.canvas ?? Raster(width: job.width, height: job.height)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.wait()
        defer { lock.signal() }
        return body()
    }

    /// One worker: decode the next layer, hand it over, repeat until none is left.
    private func work() {
        while true {
            let index: Int? = locked {
                guard failure == nil, !notStarted.isEmpty else { return nil }
                let pick = notStarted.contains(nextToDraw)
                    ? nextToDraw
                    : notStarted.max { (fileSizes[$0], $1) < (fileSizes[$1], $0) } ?? nextToDraw
                notStarted.remove(pick)
                return pick
            }
            guard let index else { return }

            let result: Result<CompositeLayer, ComposeJobError>
            do throws(ComposeJobError) {
                let raster = try LayerFile.decode(job.layers[index].path, layer: index, maxPixels: job.maxPixels)
                result = .success(job.compositeLayer(index, raster))
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

    /// Draws every consecutive decoded layer from `nextToDraw` up, one by one, then wakes their workers.
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
            // One draw per layer, never fused across layers that happen to be waiting
            // together: the canvas is then rounded after each layer whatever the timing, so
            // the same job always gives the same bytes.
            for (index, layer) in batch {
                do {
                    if canvas == nil {
                        canvas = try Compositor.canvas(drawing: layer, width: job.width, height: job.height)
                    } else {
                        try Compositor.compose([layer], onto: &canvas!)
                    }
                } catch {
                    fail(index, .compositing(error))
                    return
                }
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
