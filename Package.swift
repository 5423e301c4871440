// swift-tools-version: 6.1
import PackageDescription

/// ImageMap: ArcGIS Image Service layers rendered to static map images, with the layer
/// semantics of Esri Leaflet's `L.esri.ImageMapLayer`. See DESIGN.md for the stages.
let package = Package(
    name: "ImageMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "imagemap", targets: ["imagemap"]),
        .library(name: "ImageMap", targets: ["ImageMap"]),
        .library(name: "LayerOptions", targets: ["LayerOptions"]),
        .library(name: "RequestPlanning", targets: ["RequestPlanning"]),
        .library(name: "PixelPipeline", targets: ["PixelPipeline"]),
        .library(name: "ImageServiceClient", targets: ["ImageServiceClient"]),
        // The local Image Service, for embedding (tests, examples) and Benchmarks/RenderBenchmark.
        .library(name: "LocalImageServer", targets: ["LocalImageServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // `swift package generate-documentation --target ImageMap` (DocC: Sources/ImageMap/ImageMap.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Stage 0: every option of the layer, validated; the JSON map spec.
        .target(name: "LayerOptions"),
        // Stage 1: Web Mercator math as Leaflet does it; requests serialized as Esri Leaflet does.
        .target(name: "RequestPlanning", dependencies: ["LayerOptions"]),
        // Stage 2: the planned requests sent over HTTP with Esri Leaflet's service semantics.
        .target(
            name: "ImageServiceClient",
            dependencies: [
                "LayerOptions", "RequestPlanning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Stage 3: decode, compose, encode; the C libraries and kernels under it.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        // libdeflate + zlib for the fast PNG encoder, and the C lines that join deflate streams.
        .target(name: "CDeflate", linkerSettings: [.linkedLibrary("deflate"), .linkedLibrary("z"), .linkedLibrary("isal")]),
        // The compositing kernel, in C so it can be compiled per instruction set and picked at run time.
        .target(name: "CCompositing"),
        .target(name: "PixelPipeline", dependencies: ["LayerOptions", "CPNG", "CTurboJPEG", "CDeflate", "CCompositing"]),
        // The facade: StaticMap, ImageMapLayer, MapRenderer.
        .target(
            name: "ImageMap",
            dependencies: [
                "LayerOptions", "RequestPlanning", "ImageServiceClient", "PixelPipeline",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The local ArcGIS-compatible Image Service: catalog, exportImage, identify, query, metadata,
        // and the HTTP side (Hummingbird) that serves them as an ArcGIS ImageServer.
        .target(
            name: "LocalImageServer",
            dependencies: [
                "LayerOptions", "RequestPlanning", "PixelPipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line.
        .executableTarget(
            name: "imagemap",
            dependencies: [
                "ImageMap", "LayerOptions", "RequestPlanning", "PixelPipeline", "LocalImageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The embedding walk-through as a program (examples/EmbeddingExample): built with the
        // package, so the documentation it is stays compiling.
        .executableTarget(
            name: "EmbeddingExample",
            dependencies: ["ImageMap", "ImageServiceClient", "LayerOptions", "LocalImageServer"],
            path: "examples/EmbeddingExample"
        ),
        .testTarget(name: "LayerOptionsTests", dependencies: ["LayerOptions"]),
        .testTarget(
            name: "RequestPlanningTests", dependencies: ["RequestPlanning", "LayerOptions"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PixelPipelineTests", dependencies: ["PixelPipeline", "LayerOptions", "CPNG", "CTurboJPEG", "CDeflate"]),
        .testTarget(
            name: "ImageServiceClientTests",
            dependencies: [
                "ImageServiceClient", "RequestPlanning", "LayerOptions",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ImageMapTests",
            dependencies: [
                "ImageMap", "ImageServiceClient", "LocalImageServer", "LayerOptions", "RequestPlanning", "PixelPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "LocalImageServerTests",
            dependencies: [
                "LocalImageServer", "LayerOptions", "PixelPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
