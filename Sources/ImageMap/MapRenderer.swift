import Foundation
import ImageServiceClient
import LayerOptions
import PixelPipeline
import RequestPlanning

/// Runs one render of a ``StaticMap``: every layer's metadata and exports fetched
/// concurrently and decoded, the layers stacked as a Leaflet map stacks them, composed at
/// their opacities, and the picture encoded.
struct MapRenderer {
    let map: StaticMap
    let progress: (@Sendable (RenderProgress) -> Void)?

    /// One layer's outcome: its placed images, or why it has none.
    private struct LayerOutcome: Sendable {
        var report: LayerReport
        var tiles: [(raster: Raster, tile: ExportTile)]
    }

    func render() async throws(RenderError) -> RenderedMap {
        guard ExportTiling.scaleRange.contains(map.scale) else { throw .invalidScale(map.scale) }
        let view = map.view
        let canvas = ExportTiling.canvasSize(of: view, scale: map.scale)

        var outcomes = [LayerOutcome?](repeating: nil, count: map.layers.count)
        await withTaskGroup(of: (Int, LayerOutcome).self) { group in
            for (index, layer) in map.layers.enumerated() {
                group.addTask { (index, await self.fetch(layer, index: index, view: view)) }
            }
            for await (index, outcome) in group { outcomes[index] = outcome }
        }
        let finished = outcomes.compactMap { $0 }
        if map.layerFailure == .failRender, let failed = finished.first(where: { $0.report.status == .failed }) {
            throw .layerFailed(index: failed.report.index, service: failed.report.service, reason: failed.report.error ?? "unknown")
        }

        progress?(.composing)
        let order = LayerStackOrder(customPanes: map.panes).bottomToTop(map.layers.map { layer in
            let options = layer.options
            return LayerStackOrder.Layer(pane: options.pane, zIndex: options.zIndex, position: options.position)
        })
        let composite = order.flatMap { index in
            finished[index].tiles.map { image in
                CompositeLayer(raster: image.raster, placement: LayerPlacement(x: image.tile.x, y: image.tile.y),
                               opacity: map.layers[index].opacity)
            }
        }
        let picture: Raster
        do { picture = try Compositor.compose(composite, width: canvas.width, height: canvas.height) } catch { throw .compositing(error) }

        progress?(.encoding)
        var attribution: [String] = []
        for text in order.compactMap({ finished[$0].report.attribution }) where !attribution.contains(text) { attribution.append(text) }
        do {
            let (bytes, format) = try encode(picture, attribution: attribution)
            return RenderedMap(bytes: bytes, format: format, width: canvas.width, height: canvas.height,
                               layers: finished.map(\.report), attribution: attribution)
        } catch {
            throw .pixels(error)
        }
    }

    private func encode(_ picture: Raster, attribution: [String]) throws(PixelPipelineError) -> ([UInt8], ImageFormat) {
        switch map.output {
        case .png(let compression):
            let chunks = attribution.isEmpty ? [] : [try PNGTextChunk.copyright(attribution.joined(separator: "; "))]
            return (try PNGEncoder(compression: compression, textChunks: chunks).encode(picture), .png)
        case let .jpeg(quality, background):
            return (try JPEGEncoder(quality: quality, background: background).encode(picture), .jpeg)
        }
    }

    /// Fetches and decodes one layer's tiles, reusing the previous render's when the
    /// requests are the same.
    private func fetch(_ layer: ImageMapLayer, index: Int, view: MapView) async -> LayerOutcome {
        let options = layer.options
        let start = ContinuousClock.now
        let service = String(options.url.dropLast())
        func report(_ status: LayerReport.Status, urls: [String] = [], bytes: Int = 0, attribution: String? = nil, error: String? = nil) -> LayerReport {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return LayerReport(index: index, service: service, status: status, urls: urls, bytes: bytes, seconds: seconds,
                               attribution: attribution, error: error)
        }
        guard options.isVisible(atZoom: view.zoom) else {
            progress?(.skipped(layer: index))
            return LayerOutcome(report: report(.outsideZoomRange, attribution: options.attribution), tiles: [])
        }
        do {
            let metadata = try await layer.renderMetadata()
            let attribution = options.attribution ?? metadata["copyrightText"].flatMap { if case .string(let text) = $0, !text.isEmpty { text } else { nil } }
            let limits = (width: Self.limit(metadata["maxImageWidth"]), height: Self.limit(metadata["maxImageHeight"]))
            let scale = map.scale
            let plan: @Sendable (LayerOptions, inout JSONPCallbackNames) -> [ExportTile] = { options, callbacks in
                ExportTiling.tiles(for: options, view: view, scale: scale, maximumImageWidth: limits.width,
                                   maximumImageHeight: limits.height, callbacks: &callbacks)
            }
            var names = JSONPCallbackNames()
            let tiles = plan(options, &names)
            if let kept = layer.fetchedImages(for: tiles.map(\.request)) {
                progress?(.ready(layer: index))
                return LayerOutcome(report: report(.reused, urls: kept.urls, bytes: kept.byteCounts.reduce(0, +), attribution: attribution),
                                    tiles: Array(zip(kept.rasters, tiles)))
            }
            progress?(.fetching(layer: index, tiles: tiles.count))
            let bounds = view.bounds
            layer.fire(.loading(southWest: bounds.southWest, northEast: bounds.northEast))
            let images = try await fetchTiles(tiles.count, of: options, client: layer.client, plan: plan)
            progress?(.decoding(layer: index))
            var rasters: [Raster] = []
            for image in images { rasters.append(try ImageDecoder.decode(image.bytes)) }
            let kept = FetchedImages(requests: tiles.map(\.request), rasters: rasters, byteCounts: images.map(\.bytes.count), urls: images.map(\.url))
            layer.keep(kept)
            layer.fire(.load(southWest: bounds.southWest, northEast: bounds.northEast))
            progress?(.ready(layer: index))
            return LayerOutcome(report: report(.drawn, urls: kept.urls, bytes: kept.byteCounts.reduce(0, +), attribution: attribution),
                                tiles: Array(zip(rasters, tiles)))
        } catch {
            let message = "\(error)"
            progress?(.failed(layer: index, message: message))
            return LayerOutcome(report: report(.failed, attribution: options.attribution, error: message), tiles: [])
        }
    }

    /// The tiles' images, fetched concurrently, in tile order.
    private func fetchTiles(_ count: Int, of options: LayerOptions, client: ImageServiceClient,
                            plan: @escaping @Sendable (LayerOptions, inout JSONPCallbackNames) -> [ExportTile]) async throws -> [ExportedImage] {
        try await withThrowingTaskGroup(of: (Int, ExportedImage?).self) { group in
            for tile in 0..<count {
                group.addTask {
                    let image = try await client.exportImage(options) { options, callbacks in
                        let tiles = plan(options, &callbacks)
                        return tile < tiles.count ? tiles[tile].request : nil
                    }
                    return (tile, image)
                }
            }
            var images = [ExportedImage?](repeating: nil, count: count)
            for try await (tile, image) in group { images[tile] = image }
            return images.compactMap { $0 }
        }
    }

    /// A service's size limit from its metadata, or ArcGIS clients' 4100.
    private static func limit(_ value: JSONValue?) -> Int {
        if case .number(let limit)? = value, limit >= 1, limit < 1e6 { return Int(limit) }
        return ExportTiling.defaultMaximumImageSize
    }
}
