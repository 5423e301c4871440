import Benchmark
import BenchmarkLayers
import PixelPipeline

/// Compose alone: the four fixed layers (photo, two sparse RGBA overlays, an RGB layer with
/// noData), opacities 1.0 / 0.6 / 0.5 / 0.8, at 2048x2048 and 1024x1024.
/// Decode, encode and whole-pipeline benchmarks join these when the codecs land.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 1000
    )
    for side in [2048, 1024] {
        Benchmark("Compose 4 layers \(side)x\(side)") { benchmark, layers in
            for _ in benchmark.scaledIterations {
                blackHole(try Compositor.compose(layers, width: side, height: side))
            }
        } setup: {
            BenchmarkLayers.make(side: side)
        }
    }
}
