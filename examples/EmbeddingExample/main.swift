// Embedding ImageMap: a three-layer static map rendered through the library API from the
// local Image Service started in this process, one point identified, the map written as PNG.
//
//     swift run EmbeddingExample [map.png]
//
// Against a real ArcGIS Image Service, leave out the local server and give the layers the
// service's URL ("https://host/arcgis/rest/services/Name/ImageServer").
import Foundation
import ImageMap
import ImageServiceClient
import LayerOptions
import LocalImageServer

let output = CommandLine.arguments.dropFirst().first ?? "example.png"

// The built-in catalog beside this file (examples/catalog), served on a free port of 127.0.0.1.
let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../catalog").standardizedFileURL
let server = try await LocalImageServer.start(catalog: try ImageServiceCatalog(directory: catalog.path))
// One client for every layer: it owns the HTTP connections, so shut it down when done.
let client = ImageServiceClient()

do {
    // Layers take Esri Leaflet's options and setters.
    let imagery = try ImageMapLayer(url: server.serviceURL(named: "WorldImagery"), client: client)
    let lights = try ImageMapLayer(url: server.serviceURL(named: "NightLights"), client: client)
    try lights.setOpacity(0.5)
    let relief = try ImageMapLayer(url: server.serviceURL(named: "ElevationShading"), client: client)
    try relief.setOpacity(0.3)

    // Europe, 800 x 500 CSS pixels, drawn at device scale 1; layers stack as on a Leaflet map.
    let map = StaticMap(width: 800, height: 500, viewport: .center(LatLng(latitude: 50, longitude: 10), zoom: 3.5),
                        layers: [imagery, lights, relief])
    let rendered = try await map.render()
    try rendered.write(to: output)
    for report in rendered.layers {
        print("layer \(report.index): \(report.status.rawValue), \(report.bytes) bytes in \(Int(report.seconds * 1000)) ms")
    }
    print("wrote \(output), \(rendered.width) x \(rendered.height); © \(rendered.attribution.joined(separator: "; "))")

    // What the imagery holds at a point, as a click on the Leaflet map would identify it.
    let paris = try await imagery.identify(at: LatLng(latitude: 48.86, longitude: 2.35))
    print("WorldImagery at Paris (R, G, B): \(paris.value ?? "no value")")
} catch {
    print("EmbeddingExample: \(error)")
    try await client.shutdown()
    await server.stop()
    exit(1)
}
try await client.shutdown()
await server.stop()
