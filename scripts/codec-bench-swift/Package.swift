// swift-tools-version: 6.1
// The Swift side of the codec measurements (the C side is ../codec-bench.c):
//   swift run -c release --package-path scripts/codec-bench-swift --scratch-path /tmp/codec-bench-swift CodecBench /tmp/codecbench
import PackageDescription

let package = Package(
    name: "CodecBench",
    dependencies: [.package(name: "ImageMap", path: "../..")],
    targets: [
        .executableTarget(name: "CodecBench", dependencies: [.product(name: "PixelPipeline", package: "ImageMap")]),
    ],
    swiftLanguageModes: [.v6]
)
