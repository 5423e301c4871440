import Foundation
import PixelPipeline

// The Swift side of the codec measurements; the C side is scripts/codec-bench.c, on the same
// files (scripts/make-bench-images.py). Prints "min / median" milliseconds of N runs: on a
// shared machine the minimum is the least disturbed run.
//   CodecBench [image directory] [output directory for the encoded files]

/// "min / median" of the process's CPU milliseconds (all threads: the work done, steady on a
/// loaded machine), then "wall min / median" (what parallel code gains).
func measure(_ runs: Int, _ body: () throws -> Void) rethrows -> String {
    func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
    }
    var cpu: [Double] = [], wall: [Double] = []
    for _ in 0..<runs {
        let (cpu0, wall0) = (now(CLOCK_PROCESS_CPUTIME_ID), now(CLOCK_MONOTONIC))
        try body()
        cpu.append(now(CLOCK_PROCESS_CPUTIME_ID) - cpu0)
        wall.append(now(CLOCK_MONOTONIC) - wall0)
    }
    cpu.sort()
    wall.sort()
    return String(format: "cpu %.2f / %.2f, wall %.2f / %.2f", cpu[0], cpu[runs / 2], wall[0], wall[runs / 2])
}

let arguments = CommandLine.arguments.dropFirst()
let directory = arguments.first ?? "/tmp/codecbench"
let output = arguments.dropFirst().first
func load(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))) }

if let only = ProcessInfo.processInfo.environment["ONLY"] {
    // One operation in a loop, for a profiler: ONLY=png-fast, png-fast-alpha or jpeg-alpha.
    let name = only.hasSuffix("alpha") ? "composite_alpha.rgba" : "composite.rgba"
    let raster = Raster(width: 2048, height: 2048, pixels: try load(name))
    let encoder = try JPEGEncoder(quality: 85)
    print(only, try measure(40) { _ = only.hasPrefix("jpeg") ? try encoder.encode(raster) : try PNGEncoder().encode(raster) })
    exit(0)
}
for name in ["overlay1.png", "overlay_rgb.png", "base.jpg"] {
    let bytes = try load(name)
    print("Swift decode \(name): \(try measure(31) { _ = try ImageDecoder.decode(bytes) }) ms")
}
let images = try ["overlay1.png", "overlay_rgb.png", "base.jpg", "overlay1.png"].map(load)
print("Swift decode the 4 images one after the other: \(try measure(7) { for image in images { _ = try ImageDecoder.decode(image) } }) ms")
print("Swift decodeAll of the 4 images (parallel): \(measure(7) { _ = ImageDecoder.decodeAll(images) }) ms")

for name in ["composite.rgba", "composite_alpha.rgba"] {
    let raster = Raster(width: 2048, height: 2048, pixels: try load(name))
    var size = 0
    print("Swift PNG fast encode \(name): \(try measure(15) { size = try PNGEncoder().encode(raster).count }) ms, \(size) bytes")
    print("Swift PNG smallest encode \(name): \(try measure(3) { size = try PNGEncoder(compression: .smallest).encode(raster).count }) ms, \(size) bytes")
    let encoder = try JPEGEncoder(quality: 85)
    print("Swift JPEG q85 4:2:0 encode \(name): \(try measure(31) { size = try encoder.encode(raster).count }) ms, \(size) bytes")
    if let output {
        try AtomicFileWriter.write(try PNGEncoder().encode(raster), to: "\(output)/\(name).fast.png")
        try AtomicFileWriter.write(try PNGEncoder(compression: .smallest).encode(raster), to: "\(output)/\(name).small.png")
        try AtomicFileWriter.write(try encoder.encode(raster), to: "\(output)/\(name).jpg")
    }
}
