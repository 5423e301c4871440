import Foundation
import LayerOptions

/// One exportImage request of a rendered layer and the canvas rectangle its image fills.
public struct ExportTile: Sendable, Equatable {
    /// The request, as the layer's options make it (f=image URL, or f=json GET/POST).
    public let request: PlannedRequest
    /// Left edge on the canvas, in output pixels.
    public let x: Int
    /// Top edge on the canvas, in output pixels.
    public let y: Int
    /// Width of the image, in output pixels.
    public let width: Int
    /// Height of the image, in output pixels.
    public let height: Int
}

/// Plans the exports that draw one layer of a map view onto a canvas of
/// `width·scale × height·scale` pixels, going beyond Esri Leaflet where a static map needs to:
///
/// - **scale** (a device pixel ratio): more pixels for the same extent;
/// - **the service's size limits**: an export wider or taller than `maxImageWidth` /
///   `maxImageHeight` becomes a grid of exports whose edges fall on the same pixel
///   boundaries, so the images join without a seam;
/// - **the antimeridian**: a view that reaches past ±180° is fetched as one export per
///   world copy, each shifted into the world, and the images placed side by side.
///
/// When none of these applies the single tile is exactly Esri Leaflet's request, placed at
/// the rows Esri Leaflet's height trimming leaves (see ``MapView/exportRows``).
public enum ExportTiling {
    /// The most pixels a service exports on each axis when its metadata does not say
    /// (`maxImageWidth` / `maxImageHeight`; ArcGIS clients assume 4100).
    public static let defaultMaximumImageSize = 4100
    /// The device pixel ratios accepted.
    public static let scaleRange = 1.0...4.0

    /// The canvas size of `view` at `scale`: each dimension rounded to whole pixels.
    public static func canvasSize(of view: MapView, scale: Double) -> (width: Int, height: Int) {
        (Int(MapView.round(Double(view.width) * scale)), Int(MapView.round(Double(view.height) * scale)))
    }

    /// The tiles of one layer, or none when the view's zoom is outside the layer's range.
    /// `scale` must be within ``scaleRange``; the limits must be positive.
    public static func tiles(for options: LayerOptions, view: MapView, scale: Double = 1,
                             maximumImageWidth: Int = defaultMaximumImageSize,
                             maximumImageHeight: Int = defaultMaximumImageSize,
                             splitAtAntimeridian: Bool = true,
                             callbacks: inout JSONPCallbackNames) -> [ExportTile] {
        guard options.isVisible(atZoom: view.zoom) else { return [] }
        let canvas = canvasSize(of: view, scale: scale)
        let rows = view.exportRows
        let top = Int(MapView.round(Double(rows.top) * scale))
        let bottom = Int(MapView.round(Double(rows.top + rows.count) * scale))
        guard bottom > top, canvas.width > 0 else { return [] }

        let worldColumns = splitAtAntimeridian ? worldCopies(of: view, scale: scale, canvasWidth: canvas.width) : [(0, canvas.width, 0)]
        let columnPieces = worldColumns.flatMap { copy in
            split(copy.start..<copy.end, maximum: maximumImageWidth).map { ($0, copy.shift) }
        }
        let rowPieces = split(top..<bottom, maximum: maximumImageHeight)

        if columnPieces.count == 1 && rowPieces.count == 1 && columnPieces[0].1 == 0 {
            let bbox = view.exportBBox
            let parameters = ExportImageRequest.parameters(for: options, bbox: [bbox.xmin, bbox.ymin, bbox.xmax, bbox.ymax],
                                                           size: (canvas.width, bottom - top))
            let request = ExportImageRequest.request(for: options, parameters: parameters, callbacks: &callbacks)
            return [ExportTile(request: request, x: 0, y: top, width: canvas.width, height: bottom - top)]
        }

        let mapping = CanvasMapping(view: view, scale: scale)
        var tiles: [ExportTile] = []
        for rowRange in rowPieces {
            for (columnRange, shift) in columnPieces {
                let bbox = [mapping.x(column: columnRange.lowerBound) - shift, mapping.y(row: rowRange.upperBound),
                            mapping.x(column: columnRange.upperBound) - shift, mapping.y(row: rowRange.lowerBound)]
                let parameters = ExportImageRequest.parameters(for: options, bbox: bbox, size: (columnRange.count, rowRange.count))
                let request = ExportImageRequest.request(for: options, parameters: parameters, callbacks: &callbacks)
                tiles.append(ExportTile(request: request, x: columnRange.lowerBound, y: rowRange.lowerBound,
                                        width: columnRange.count, height: rowRange.count))
            }
        }
        return tiles
    }

    /// The canvas columns of each world copy the view shows, and the projected shift
    /// (a multiple of the world's width) that brings that copy into the world.
    static func worldCopies(of view: MapView, scale: Double, canvasWidth: Int) -> [(start: Int, end: Int, shift: Double)] {
        let mapping = CanvasMapping(view: view, scale: scale)
        let worldWidth = 2 * SphericalMercator.halfWorld
        let firstCopy = Int(((mapping.x(column: 0) + SphericalMercator.halfWorld) / worldWidth).rounded(.down))
        let lastCopy = Int(((mapping.x(column: canvasWidth) + SphericalMercator.halfWorld) / worldWidth).rounded(.up)) - 1
        var copies: [(start: Int, end: Int, shift: Double)] = []
        for copy in firstCopy...max(firstCopy, lastCopy) {
            let edge = { (k: Int) in mapping.column(x: -SphericalMercator.halfWorld + Double(k) * worldWidth) }
            let start = max(0, min(canvasWidth, edge(copy)))
            let end = max(0, min(canvasWidth, edge(copy + 1)))
            if end > start { copies.append((start, end, Double(copy) * worldWidth)) }
        }
        return copies.isEmpty ? [(0, canvasWidth, 0)] : copies
    }

    /// `range` cut into the fewest pieces no longer than `maximum`, their lengths differing by at most one.
    static func split(_ range: Range<Int>, maximum: Int) -> [Range<Int>] {
        let count = (range.count + maximum - 1) / maximum
        guard count > 1 else { return [range] }
        return (0..<count).map { index in
            (range.lowerBound + range.count * index / count)..<(range.lowerBound + range.count * (index + 1) / count)
        }
    }
}

/// Canvas pixel edges ↔ EPSG:3857 metres for a view drawn at a scale: linear, with the
/// view's pixel origin at canvas (0, 0).
private struct CanvasMapping {
    let originX: Double
    let originY: Double
    let metresPerPixel: Double

    init(view: MapView, scale: Double) {
        let fullScale = view.scale * scale
        metresPerPixel = 2 * SphericalMercator.halfWorld / fullScale
        originX = (view.pixelOrigin.x / view.scale - 0.5) * 2 * SphericalMercator.halfWorld
        originY = (0.5 - view.pixelOrigin.y / view.scale) * 2 * SphericalMercator.halfWorld
    }

    func x(column: Int) -> Double { originX + Double(column) * metresPerPixel }
    func y(row: Int) -> Double { originY - Double(row) * metresPerPixel }
    func column(x: Double) -> Int { Int(MapView.round((x - originX) / metresPerPixel)) }
}
