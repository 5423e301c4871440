import Benchmark
import BenchmarkLayers
import Foundation
import PixelPipeline

/// The fixed layers (photo, two sparse RGBA overlays, an RGB layer with noData), opacities
/// 1.0 / 0.6 / 0.5 / 0.8, at 2048x2048 and 1024x1024: compose alone, decode alone (the four
/// layers as JPEG/PNG files, in memory), encode alone (the composite), and the whole
/// pipeline (read and decode the files, compose, encode, write the file atomically).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 1000
    )
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 20
    )
    for side in [2048, 1024] {
        let size = "\(side)x\(side)"
        Benchmark("Compose 4 layers \(size)") { benchmark, layers in
            for _ in benchmark.scaledIterations {
                blackHole(try Compositor.compose(layers, width: side, height: side))
            }
        } setup: {
            BenchmarkLayers.make(side: side)
        }

        Benchmark("Decode 4 layers \(size)") { benchmark, files in
            for _ in benchmark.scaledIterations {
                blackHole(ImageDecoder.decodeAll(files))
            }
        } setup: {
            try BenchmarkFiles.encodedLayers(side: side)
        }

        let encoders: [(String, @Sendable (Raster) throws -> [UInt8])] = [
            ("PNG fast", { try PNGEncoder(compression: .fast).encode($0) }),
            ("PNG smallest", { try PNGEncoder(compression: .smallest).encode($0) }),
            ("JPEG q85", { try JPEGEncoder(quality: 85).encode($0) }),
        ]
        for (name, encode) in encoders {
            Benchmark("Encode \(name) \(size)", configuration: name == "PNG smallest" ? slow : Benchmark.defaultConfiguration) { benchmark, composite in
                for _ in benchmark.scaledIterations {
                    blackHole(try encode(composite))
                }
            } setup: {
                try Compositor.compose(BenchmarkLayers.make(side: side), width: side, height: side)
            }
        }

        for (format, png) in [("png", "fast"), ("jpg", "fast"), ("png", "smallest")] {
            for decoding in [ComposeJob.Decoding.bounded(layers: 2), .allAtOnce] {
                let label = decoding == .allAtOnce ? "all at once" : "bounded 2"
                let name = format == "jpg" ? "JPEG q85" : "PNG \(png)"
                Benchmark("Pipeline \(name) \(size) (\(label))", configuration: png == "smallest" ? slow : Benchmark.defaultConfiguration) { (benchmark: Benchmark, setup: PipelineSetup) in
                    for _ in benchmark.scaledIterations {
                        blackHole(try setup.job.run(writingTo: setup.output))
                    }
                } setup: {
                    let directory = NSTemporaryDirectory() + "imagemap-bench-\(side)-\(getpid())"
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try BenchmarkFiles.write(side: side, to: directory)
                    let job = try BenchmarkFiles.job(side: side, directory: directory, format: format, png: png, decoding: decoding)
                    return PipelineSetup(job: job, output: directory + "/out.\(format)")
                }
            }
        }
    }
}

/// A whole-pipeline benchmark's job and the file it writes.
struct PipelineSetup: Sendable {
    var job: ComposeJob
    var output: String
}
