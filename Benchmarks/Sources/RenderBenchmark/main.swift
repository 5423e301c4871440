// RenderBenchmark: the time to render a 4-layer 1024x1024 map from the local Image Service
// (started in this process, on loopback), and where it goes: fetch, decode, compose, encode.
//
//     cd Benchmarks && swift run -c release RenderBenchmark [renders, default 20] [--cache]
//
// With --cache the client keeps responses in a disk cache (a temporary folder), so the warm
// renders fetch from disk: the fetch then leaves out the service's own work.
//
// Every render is warm (after 3 unmeasured ones) and fetches anew (`redraw()`): nothing is
// reused from the previous render. The stages come from the render's own progress events:
//   fetch   start → the last layer's image has arrived (metadata and exports, 4 layers at once;
//           includes the server's work, which runs on the same cores)
//   decode  → composing starts (decoding the images still being decoded when the last arrived)
//   compose → encoding starts
//   encode  → render() returns (PNG, fast compression)
// and `decode, all layers` adds up each layer's decode time, overlapped or not.
import Foundation
import ImageMap
import ImageServiceClient
import LayerOptions
import LocalImageServer

let arguments = CommandLine.arguments.dropFirst()
let renders = max(1, arguments.lazy.compactMap { Int($0) }.first ?? 20)
let cacheFolder = arguments.contains("--cache")
    ? FileManager.default.temporaryDirectory.appendingPathComponent("render-benchmark-\(UUID().uuidString)") : nil
let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../examples/catalog").standardizedFileURL
let server = try await LocalImageServer.start(catalog: try ImageServiceCatalog(directory: catalog.path))
var configuration = ImageServiceClient.Configuration()
configuration.cache = cacheFolder.map { ImageServiceClient.CacheConfiguration(directory: $0) }
let client = ImageServiceClient(configuration: configuration)

func layer(_ service: String, opacity: Double) throws -> ImageMapLayer {
    let layer = try ImageMapLayer(url: server.serviceURL(named: service), client: client)
    try layer.setOpacity(opacity)
    return layer
}

let layers = [
    try layer("WorldImagery", opacity: 1), try layer("NightLights", opacity: 0.5),
    try layer("ElevationShading", opacity: 0.3), try layer("Temperature", opacity: 0.25),
]
let map = StaticMap(width: 1024, height: 1024, viewport: .center(LatLng(latitude: 48, longitude: 10), zoom: 4), layers: layers)

/// The progress events of one render with the time each arrived.
final class Timeline: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(event: RenderProgress, at: ContinuousClock.Instant)] = []  // guarded by lock
    func record(_ event: RenderProgress) {
        let now = ContinuousClock.now
        lock.withLock { events.append((event, now)) }
    }
    var all: [(event: RenderProgress, at: ContinuousClock.Instant)] { lock.withLock { events } }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

struct Sample {
    var total, fetch, decode, compose, encode, decodeAllLayers: Double
    var bytes: Int
}

var samples: [Sample] = []
do {
    for run in 0..<(renders + 3) {
        for layer in layers { layer.redraw() }
        let timeline = Timeline()
        let start = ContinuousClock.now
        let rendered = try await map.render { timeline.record($0) }
        let end = ContinuousClock.now
        let events = timeline.all
        let decodingStarts = events.filter { if case .decoding = $0.event { true } else { false } }
        guard decodingStarts.count == layers.count, let lastArrival = decodingStarts.map(\.at).max(),
              let composing = events.first(where: { $0.event == .composing })?.at,
              let encoding = events.first(where: { $0.event == .encoding })?.at else {
            print("RenderBenchmark: a layer was not fetched: \(rendered.layers.map(\.status))")
            exit(1)
        }
        var decodeAllLayers = 0.0
        for case (.decoding(let index), let at) in events {
            if let ready = events.first(where: { $0.event == .ready(layer: index) })?.at { decodeAllLayers += milliseconds(ready - at) }
        }
        if run >= 3 {
            samples.append(Sample(total: milliseconds(end - start), fetch: milliseconds(lastArrival - start),
                                  decode: milliseconds(composing - lastArrival), compose: milliseconds(encoding - composing),
                                  encode: milliseconds(end - encoding), decodeAllLayers: decodeAllLayers,
                                  bytes: rendered.layers.map(\.bytes).reduce(0, +)))
        }
    }
} catch {
    print("RenderBenchmark: \(error)")
    try await client.shutdown()
    await server.stop()
    exit(1)
}
try await client.shutdown()
await server.stop()
if let cacheFolder { try? FileManager.default.removeItem(at: cacheFolder) }

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

let medianTotal = percentile(samples.map(\.total), 0.5)
print("\(renders) warm renders of 4 layers, 1024x1024, PNG; \(samples[0].bytes) bytes of exports per render"
      + (cacheFolder == nil ? "" : ", fetched from the client's disk cache"))
print("| stage | median ms | p90 ms | share of the median render |")
print("| --- | --- | --- | --- |")
let columns: [(String, KeyPath<Sample, Double>)] = [
    ("render (total)", \.total), ("fetch", \.fetch), ("decode", \.decode), ("compose", \.compose), ("encode", \.encode),
]
for (name, path) in columns {
    let median = percentile(samples.map { $0[keyPath: path] }, 0.5)
    let p90 = percentile(samples.map { $0[keyPath: path] }, 0.9)
    let share = name == "render (total)" ? "100 %" : String(format: "%.0f %%", median / medianTotal * 100)
    print(String(format: "| %@ | %.1f | %.1f | %@ |", name, median, p90, share))
}
print(String(format: "| decode, all layers (overlapping the fetch) | %.1f | %.1f | |",
             percentile(samples.map(\.decodeAllLayers), 0.5), percentile(samples.map(\.decodeAllLayers), 0.9)))
