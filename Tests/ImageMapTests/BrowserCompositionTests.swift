import AsyncHTTPClient
import Foundation
import Testing
import ImageMap
import ImageServiceClient
import LayerOptions
import LocalImageServer
import PixelPipeline
import RequestPlanning

/// The composite of a multi-layer map against headless Chromium drawing the same exported
/// images with the DOM that Leaflet and Esri Leaflet build: one positioned `div` per pane
/// with its z-index, and in each pane the layers' `<img>`s in Esri Leaflet's order with its
/// CSS `opacity` and `z-index`. The DOM is derived here from the layer options alone
/// (``LeafletDOM``), not from `LayerStackOrder`, so the check covers the stacking rule too.
@Suite struct BrowserCompositionTests {
    /// Four layers that exercise the stacking rule at a view where the Scene covers only
    /// part of the canvas (and is transparent around it): the base imagery is added last
    /// but sits in the tile pane; the shading is added after the lights but goes to the
    /// back of the overlay pane; the scene is in a custom pane above it.
    static func layers(server: RunningImageServer, client: ImageServiceClient) throws -> [ImageMapLayer] {
        [
            try server.layer("NightLights", ["format": "png32", "opacity": 0.6], client: client),
            try server.layer("ElevationShading", ["format": "png32", "opacity": 0.5, "position": "back"], client: client),
            try server.layer("Scene", ["format": "png32", "opacity": 0.8, "pane": "fields"], client: client),
            try server.layer("WorldImagery", ["format": "png32", "pane": "tilePane"], client: client),
        ]
    }

    static let panes = [MapPane(name: "fields", zIndex: 450)]
    static let viewport = MapSpec.Viewport.center(LatLng(latitude: 45.3, longitude: 10.0), zoom: 8)

    @Test(.enabled(if: Chromium.path != nil, Chromium.missing), arguments: [1.0, 2.0])
    func theCompositeMatchesChromiumDrawingTheSameImages(scale: Double) async throws {
        try await LocalService.run { server, client in
            var map = StaticMap(width: 300, height: 200, viewport: Self.viewport,
                                layers: try Self.layers(server: server, client: client), panes: Self.panes)
            map.scale = scale
            map.output = .png()
            let rendered = try await map.render()
            #expect(rendered.layers.map(\.status) == [.drawn, .drawn, .drawn, .drawn])
            let ours = try ImageDecoder.decode(rendered.bytes)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-browser-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            // Each layer's exports, planned again, fetched and written beside the page.
            var images: [[LeafletDOM.Image]] = []
            var decoded: [[CompositeLayer]] = []
            for (index, layer) in map.layers.enumerated() {
                var callbacks = JSONPCallbackNames()
                let tiles = ExportTiling.tiles(for: layer.options, view: map.view, scale: scale, callbacks: &callbacks)
                #expect(tiles.map(\.request.url) == rendered.layers[index].urls, "layer \(index) was planned differently")
                var placed: [LeafletDOM.Image] = []
                var rasters: [CompositeLayer] = []
                for (number, tile) in tiles.enumerated() {
                    let file = "layer\(index)-\(number).png"
                    let bytes = try await Self.get(tile.request.url)
                    try Data(bytes).write(to: folder.appendingPathComponent(file))
                    placed.append(LeafletDOM.Image(file: file, x: tile.x, y: tile.y, width: tile.width, height: tile.height))
                    rasters.append(CompositeLayer(raster: try ImageDecoder.decode(bytes), placement: LayerPlacement(x: tile.x, y: tile.y),
                                                  opacity: layer.opacity))
                }
                images.append(placed)
                decoded.append(rasters)
            }

            let dom = LeafletDOM(layers: map.layers.map(\.options), customPanes: map.panes)
            let page = folder.appendingPathComponent("map.html")
            try dom.html(width: map.width, height: map.height, scale: scale, images: images,
                         opacities: map.layers.map(\.opacity)).write(to: page, atomically: true, encoding: .utf8)
            let screenshot = try await Chromium.screenshot(page, width: map.width, height: map.height, scale: scale,
                                                           in: folder)
            let browser = try ImageDecoder.decode(screenshot)

            #expect((browser.width, browser.height) == (ours.width, ours.height))
            let difference = Self.largestDifference(Self.flattenedOverBlack(ours), browser)
            #expect(difference.largest <= 2,
                    "largest difference \(difference.largest) at x \(difference.x), y \(difference.y), channel \(difference.channel): ours \(difference.ours), Chromium's \(difference.theirs); \(difference.over2) channel values differ by more than 2")

            // The check has teeth: the stacking shows. The scene covers part of the canvas, and
            // the overlay pane's two layers in insertion order (ignoring `position: back`) give
            // another picture than the browser's.
            let scene = decoded[2].map(\.raster.pixels).joined()
            #expect(scene.enumerated().contains { $0.offset % 4 == 3 && $0.element == 0 })
            #expect(scene.enumerated().contains { $0.offset % 4 == 3 && $0.element == 255 })
            let insertionOrder = try Compositor.compose(decoded[3] + decoded[0] + decoded[1] + decoded[2], width: ours.width, height: ours.height)
            #expect(Self.largestDifference(Self.flattenedOverBlack(insertionOrder), browser).largest > 2)
        }
    }

    /// `LayerStackOrder` paints what this DOM paints, for every sequence of up to four front,
    /// back and z-indexed (2, -3, 0) layers over two panes.
    @Test func layerStackOrderPaintsWhatTheDOMPaints() throws {
        let kinds: [(pane: String, position: LayerPosition, zIndex: Int?)] = ["overlayPane", "top"].flatMap { pane in
            [(pane, .front, nil), (pane, .back, nil), (pane, .front, 2), (pane, .back, -3), (pane, .back, 0)]
        }
        let panes = [MapPane(name: "top", zIndex: 400)]
        var sequences: [[Int]] = [[]]
        for _ in 1...4 {
            sequences = sequences.flatMap { sequence in kinds.indices.map { sequence + [$0] } }
            for sequence in sequences {
                var layers: [LayerOptions] = []
                for kind in sequence {
                    var options = try LayerOptions(url: "https://host/arcgis/rest/services/S/ImageServer")
                    try options.setPane(kinds[kind].pane)
                    options.position = kinds[kind].position
                    options.zIndex = kinds[kind].zIndex
                    layers.append(options)
                }
                let stack = LayerStackOrder(customPanes: panes).bottomToTop(layers.map {
                    LayerStackOrder.Layer(pane: $0.pane, zIndex: $0.zIndex, position: $0.position)
                })
                #expect(stack == LeafletDOM(layers: layers, customPanes: panes).paintOrder, "\(sequence.map { kinds[$0] })")
            }
        }
    }

    /// With an explicit `zIndex`, Esri Leaflet's order also depends on the z-index Leaflet's
    /// ImageOverlay gives every `<img>` (1) and on `_setAutoZIndex` seeing the images not yet
    /// loaded: a front layer added before a layer with `zIndex: 2` gets 2 as well and, moved
    /// to the end of the pane, is painted above it.
    @Test func anExplicitZIndexIsStackedAsInTheDOM() throws {
        let front = try LayerOptions(url: "https://host/arcgis/rest/services/A/ImageServer")
        var indexed = try LayerOptions(url: "https://host/arcgis/rest/services/B/ImageServer")
        indexed.zIndex = 2
        #expect(LeafletDOM(layers: [front, indexed], customPanes: []).paintOrder == [1, 0])
        #expect(LayerStackOrder().bottomToTop([.init(), .init(zIndex: 2)]) == [1, 0])
    }

    /// The largest difference per channel (R, G, B) between two opaque pictures, where, and
    /// how many channel values differ by more than 2.
    static func largestDifference(_ a: Raster, _ b: Raster)
        -> (largest: Int, x: Int, y: Int, channel: Int, ours: UInt8, theirs: UInt8, over2: Int) {
        var result = (largest: 0, x: 0, y: 0, channel: 0, ours: UInt8(0), theirs: UInt8(0), over2: 0)
        for y in 0..<min(a.height, b.height) {
            for x in 0..<min(a.width, b.width) {
                for channel in 0..<3 {
                    let ours = a.pixels[(y * a.width + x) * 4 + channel], theirs = b.pixels[(y * b.width + x) * 4 + channel]
                    let difference = abs(Int(ours) - Int(theirs))
                    if difference > 2 { result.over2 += 1 }
                    if difference > result.largest { result = (difference, x, y, channel, ours, theirs, result.over2) }
                }
            }
        }
        return result
    }

    /// The picture over the page's black background, as the browser shows a transparent map.
    static func flattenedOverBlack(_ raster: Raster) -> Raster {
        var flat = raster
        for index in stride(from: 0, to: flat.pixels.count, by: 4) {
            let alpha = UInt32(flat.pixels[index + 3])
            for channel in 0..<3 {
                flat.pixels[index + channel] = UInt8((UInt32(flat.pixels[index + channel]) * alpha + 127) / 255)
            }
            flat.pixels[index + 3] = 255
        }
        return flat
    }

    static func get(_ url: String) async throws -> [UInt8] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        #expect(response.status == .ok, "GET \(url)")
        return Array(buffer: try await response.body.collect(upTo: 64 << 20))
    }
}

/// The DOM that Leaflet 1.9 and Esri Leaflet 3.0.19 build for a map's image layers, from
/// the layer options, following their sources:
///
/// - Leaflet's map creates its panes in the order `tilePane` (z-index 200), `overlayPane`
///   (400), `shadowPane` (500), `markerPane` (600), `tooltipPane` (650), `popupPane` (700);
///   `map.createPane` appends the custom ones (400 unless styled).
/// - `RasterLayer.onAdd`: a layer with a `zIndex` option gets `position = null`.
/// - `_renderImage` adds an `L.ImageOverlay` for the export (opacity 0) at once: its
///   `_initImage` sets `style.zIndex` from the overlay's `zIndex` option, which Esri Leaflet
///   does not pass, so Leaflet's default, 1; `onAdd` appends the `<img>` to the pane.
/// - When the image loads: `position` `front` calls `bringToFront()` (the `<img>` moves to
///   the end of the pane, then `_setAutoZIndex(Math.max)`: if another child of the pane has
///   a `style.zIndex`, the layer's `zIndex` becomes the largest plus 1); `back` calls
///   `bringToBack()` (moves first, the smallest minus 1); then a (possibly new) `zIndex`
///   is set on the `<img>`, and the opacity.
///
/// This models a page that adds every layer in one go and whose exports arrive in the
/// order the layers were added.
struct LeafletDOM {
    /// One exported image of a layer and its rectangle on the canvas, in device pixels.
    struct Image {
        var file: String
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    struct Child {
        /// The layer this `<img>` draws.
        var layer: Int
        /// `style.zIndex`; `nil` for none.
        var zIndex: Int?
    }

    struct Pane {
        var name: String
        var zIndex: Int
        /// The pane's `<img>` children in document order.
        var children: [Child] = []
    }

    /// The map's panes in creation (document) order.
    private(set) var panes: [Pane]

    init(layers: [LayerOptions], customPanes: [MapPane]) {
        panes = [("tilePane", 200), ("overlayPane", 400), ("shadowPane", 500), ("markerPane", 600), ("tooltipPane", 650),
                 ("popupPane", 700)].map { Pane(name: $0.0, zIndex: $0.1) }
        for pane in customPanes {
            if let index = panes.firstIndex(where: { $0.name == pane.name }) { panes[index].zIndex = pane.zIndex } else {
                panes.append(Pane(name: pane.name, zIndex: pane.zIndex))
            }
        }
        // onAdd, then _renderImage: every layer's overlay is appended with Leaflet's z-index 1.
        var zIndexOptions = layers.map { $0.zIndex == 0 ? nil : $0.zIndex }
        let positions: [LayerPosition?] = layers.map { $0.zIndex == nil || $0.zIndex == 0 ? $0.position : nil }
        var paneOfLayer: [Int] = []
        for (layer, options) in layers.enumerated() {
            let pane = panes.firstIndex { $0.name == options.pane } ?? {
                panes.append(Pane(name: options.pane, zIndex: 400))
                return panes.count - 1
            }()
            paneOfLayer.append(pane)
            panes[pane].children.append(Child(layer: layer, zIndex: 1))
        }
        // The images load, in order.
        for layer in layers.indices {
            let pane = paneOfLayer[layer]
            guard let position = positions[layer] else {
                if let zIndex = zIndexOptions[layer] { setZIndex(zIndex, of: layer, in: pane) }
                continue
            }
            var children = panes[pane].children
            guard let at = children.firstIndex(where: { $0.layer == layer }) else { continue }
            let child = children.remove(at: at)
            if position == .front { children.append(child) } else { children.insert(child, at: 0) }
            panes[pane].children = children
            let others = children.filter { $0.layer != layer }.compactMap(\.zIndex)
            if let edge = position == .front ? others.max() : others.min() {
                zIndexOptions[layer] = position == .front ? edge + 1 : edge - 1
            }
            if let zIndex = zIndexOptions[layer] { setZIndex(zIndex, of: layer, in: pane) }
        }
    }

    /// The layers, bottom first, as the browser paints them: panes by z-index (equal ones in
    /// document order), and in a pane the images by CSS z-index (equal ones in document order).
    var paintOrder: [Int] {
        panes.enumerated().sorted { ($0.element.zIndex, $0.offset) < ($1.element.zIndex, $1.offset) }.flatMap { pane in
            pane.element.children.enumerated()
                .sorted { ($0.element.zIndex ?? 0, $0.offset) < ($1.element.zIndex ?? 0, $1.offset) }
                .map(\.element.layer)
        }
    }

    private mutating func setZIndex(_ zIndex: Int, of layer: Int, in pane: Int) {
        for index in panes[pane].children.indices where panes[pane].children[index].layer == layer {
            panes[pane].children[index].zIndex = zIndex
        }
    }

    /// The page: the map container of `width × height` CSS pixels on a black page, Leaflet's
    /// map pane, the panes, and each layer's images at their rectangles (in CSS pixels: the
    /// device pixels over `scale`).
    func html(width: Int, height: Int, scale: Double, images: [[Image]], opacities: [Double]) -> String {
        func css(_ pixels: Int) -> String { "\(Double(pixels) / scale)px" }
        var body = ""
        for pane in panes where !pane.children.isEmpty {
            body += "<div class=\"leaflet-pane\" id=\"\(pane.name)\" style=\"z-index: \(pane.zIndex)\">\n"
            for child in pane.children {
                for image in images[child.layer] {
                    let zIndex = child.zIndex.map { " z-index: \($0);" } ?? ""
                    body += "<img class=\"leaflet-image-layer\" src=\"\(image.file)\" style=\"left: \(css(image.x)); top: \(css(image.y)); "
                        + "width: \(css(image.width)); height: \(css(image.height)); opacity: \(opacities[child.layer]);\(zIndex)\">\n"
                }
            }
            body += "</div>\n"
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><style>
            html, body { margin: 0; padding: 0; background: #000; overflow: hidden; }
            .leaflet-container { position: relative; overflow: hidden; width: \(width)px; height: \(height)px; }
            .leaflet-pane, .leaflet-image-layer { position: absolute; left: 0; top: 0; }
            .leaflet-image-layer { max-width: none; max-height: none; }
            </style></head><body>
            <div class="leaflet-container"><div class="leaflet-pane leaflet-map-pane" style="z-index: 400">
            \(body)</div></div>
            </body></html>
            """
    }
}

/// Headless Chromium, when installed.
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    static let missing: Comment = "chromium is not installed (scripts/test installs it: apt-get install chromium)"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A PNG screenshot of `page` in a window of `width × height` CSS pixels at device
    /// scale `scale`. Chromium is given two minutes.
    static func screenshot(_ page: URL, width: Int, height: Int, scale: Double, in folder: URL) async throws -> [UInt8] {
        guard let path else { throw Failure(description: missing.rawValue) }
        let output = folder.appendingPathComponent("chromium.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=\(scale)",
            "--force-color-profile=srgb", "--window-size=\(width),\(height)",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-first-run",
            "--screenshot=\(output.path)", page.absoluteString,
        ]
        let log = folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let watchdog = Task {
            try await Task.sleep(for: .seconds(120))
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0, let bytes = FileManager.default.contents(atPath: output.path) else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium exited with \(status) and no screenshot: \(text.suffix(2000))")
        }
        return Array(bytes)
    }
}
