// swift-tools-version: 6.1
import PackageDescription

/// ImageMap's benchmarks, a package of their own (as swift-nio's are) so that
/// package-benchmark stays out of the library's dependency graph.
/// Run: `cd Benchmarks && swift package benchmark` (see BENCHMARKS.md).
let package = Package(
    name: "ImageMapBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ImageMap", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The fixed benchmark layers, shared by the benchmarks and the peer comparison.
        .target(
            name: "BenchmarkLayers",
            dependencies: [
                .product(name: "PixelPipeline", package: "ImageMap"),
                .product(name: "LayerOptions", package: "ImageMap"),
            ]
        ),
        // package-benchmark suite: `swift package benchmark`.
        .executableTarget(
            name: "PixelPipelineBenchmarks",
            dependencies: [
                "BenchmarkLayers",
                .product(name: "PixelPipeline", package: "ImageMap"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PixelPipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The time to render a 4-layer 1024x1024 map from the local Image Service, by stage:
        // `swift run -c release RenderBenchmark` (see BENCHMARKS.md, "Render").
        .executableTarget(
            name: "RenderBenchmark",
            dependencies: [
                .product(name: "ImageMap", package: "ImageMap"),
                .product(name: "ImageServiceClient", package: "ImageMap"),
                .product(name: "LayerOptions", package: "ImageMap"),
                .product(name: "LocalImageServer", package: "ImageMap"),
            ]
        ),
        // Writes the layers as raw RGBA for the peers and times our compose the same way they
        // time theirs: scripts/bench-peers.sh runs both in one go.
        .executableTarget(
            name: "compose-timer",
            dependencies: ["BenchmarkLayers", .product(name: "PixelPipeline", package: "ImageMap")]
        ),
        // Writes the layers as JPEG/PNG files and the compose specs, for the whole-pipeline
        // comparison (scripts/bench-peers.sh pipeline): `pipeline-files write SIDE DIR`, and `run` to time one decoding strategy.
        .executableTarget(
            name: "pipeline-files",
            dependencies: ["BenchmarkLayers", .product(name: "PixelPipeline", package: "ImageMap"), .product(name: "LayerOptions", package: "ImageMap")]
        ),
    ]
)
