import Foundation
import Testing
import LayerOptions
@testable import RequestPlanning

@Suite struct ExportTilingTests {
    static let service = "http://services.arcgis.com/mock/arcgis/rest/services/MockImageService/ImageServer"

    static func tiles(center: LatLng, zoom: Double, width: Int, height: Int, scale: Double = 1, maximum: Int = 4100,
                      options: LayerOptions? = nil) throws -> [ExportTile] {
        let view = MapView(center: center, zoom: zoom, width: width, height: height)
        var names = JSONPCallbackNames()
        return ExportTiling.tiles(for: try options ?? LayerOptions(url: service), view: view, scale: scale,
                                  maximumImageWidth: maximum, maximumImageHeight: maximum, callbacks: &names)
    }

    /// The bbox and size parameters of a tile's f=image URL.
    static func bboxAndSize(_ tile: ExportTile) -> (bbox: [Double], size: [Int]) {
        let query = tile.request.url.split(separator: "?").last.map(String.init) ?? ""
        var bbox: [Double] = []
        var size: [Int] = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "%2C", with: ",") }
            if parts[0] == "bbox" { bbox = parts[1].split(separator: ",").compactMap { Double($0) } }
            if parts[0] == "size" { size = parts[1].split(separator: ",").compactMap { Int($0) } }
        }
        return (bbox, size)
    }

    @Test func aViewThatNeedsNoSplitIsEsriLeafletsOwnRequest() throws {
        let center = LatLng(latitude: 37.75, longitude: -122.45)
        let tiles = try Self.tiles(center: center, zoom: 12, width: 500, height: 500)
        var names = JSONPCallbackNames()
        let esri = ExportImageRequest.request(for: try LayerOptions(url: Self.service),
                                              view: MapView(center: center, zoom: 12, width: 500, height: 500), callbacks: &names)
        #expect(tiles == [ExportTile(request: try #require(esri), x: 0, y: 0, width: 500, height: 500)])
    }

    @Test func aTallViewPlacesTheTrimmedExportAtTheWorldsRows() throws {
        let tiles = try Self.tiles(center: LatLng(latitude: 0, longitude: 0), zoom: 1, width: 300, height: 2000)
        #expect(tiles.map { [$0.x, $0.y, $0.width, $0.height] } == [[0, 744, 300, 512]])
    }

    @Test func aScaleAsksForMorePixelsOfTheSameExtent() throws {
        let center = LatLng(latitude: 37.75, longitude: -122.45)
        let single = try #require(try Self.tiles(center: center, zoom: 12, width: 500, height: 500).first)
        let double = try #require(try Self.tiles(center: center, zoom: 12, width: 500, height: 500, scale: 2).first)
        #expect(Self.bboxAndSize(double).bbox == Self.bboxAndSize(single).bbox)
        #expect(Self.bboxAndSize(double).size == [1000, 1000])
        #expect(ExportTiling.canvasSize(of: MapView(center: center, zoom: 12, width: 501, height: 333), scale: 1.5) == (752, 500))
    }

    @Test func anExportOverTheServiceLimitBecomesASeamlessGrid() throws {
        let center = LatLng(latitude: 37.75, longitude: -122.45)
        let tiles = try Self.tiles(center: center, zoom: 12, width: 500, height: 500, maximum: 200)
        #expect(tiles.map(\.width) == [166, 167, 167, 166, 167, 167, 166, 167, 167])
        #expect(tiles.map(\.x) == [0, 166, 333, 0, 166, 333, 0, 166, 333])
        #expect(tiles.map(\.y) == [0, 0, 0, 166, 166, 166, 333, 333, 333])
        let boxes = tiles.map { Self.bboxAndSize($0).bbox }
        #expect(boxes[0][2] == boxes[1][0] && boxes[1][2] == boxes[2][0])
        #expect(boxes[0][1] == boxes[3][3] && boxes[3][1] == boxes[6][3])
        let whole = MapView(center: center, zoom: 12, width: 500, height: 500).exportBBox
        #expect(abs(boxes[0][0] - whole.xmin) < 1e-6 && abs(boxes[8][2] - whole.xmax) < 1e-6)
        #expect(abs(boxes[8][1] - whole.ymin) < 1e-6 && abs(boxes[0][3] - whole.ymax) < 1e-6)
        #expect(tiles.allSatisfy { Self.bboxAndSize($0).size == [$0.width, $0.height] })
    }

    @Test func aViewAcrossTheAntimeridianIsFetchedAsTwoExportsInsideTheWorld() throws {
        let tiles = try Self.tiles(center: LatLng(latitude: 20, longitude: 179.99), zoom: 3.7, width: 501, height: 333)
        #expect(tiles.count == 2)
        #expect(tiles[0].x == 0 && tiles[1].x == tiles[0].width && tiles[0].width + tiles[1].width == 501)
        let (east, west) = (Self.bboxAndSize(tiles[0]).bbox, Self.bboxAndSize(tiles[1]).bbox)
        let half = SphericalMercator.halfWorld
        let metresPerPixel = (east[2] - east[0]) / Double(tiles[0].width)
        // The seam is a whole canvas column, within half a pixel of the antimeridian, and the
        // western part starts exactly where the eastern part ends, one world to the left.
        #expect(abs(east[2] - half) <= metresPerPixel / 2)
        #expect(abs(west[0] - (east[2] - 2 * half)) < 1e-6)
        #expect(abs(metresPerPixel - (west[2] - west[0]) / Double(tiles[1].width)) < 1e-6)
    }

    @Test func aViewInAnotherWorldCopyIsShiftedIntoTheWorld() throws {
        let tiles = try Self.tiles(center: LatLng(latitude: 0, longitude: 200), zoom: 8, width: 256, height: 256)
        #expect(tiles.count == 1)
        let bbox = Self.bboxAndSize(tiles[0]).bbox
        let expectedCentre = SphericalMercator.project(latitude: 0, longitude: -160).x
        let metresPerPixel = (bbox[2] - bbox[0]) / 256
        #expect(abs((bbox[0] + bbox[2]) / 2 - expectedCentre) <= metresPerPixel / 2)
    }

    @Test func aViewWiderThanTheWorldFetchesEachCopy() throws {
        let tiles = try Self.tiles(center: LatLng(latitude: 0, longitude: 0), zoom: 0, width: 1000, height: 256)
        #expect(tiles.map(\.width).reduce(0, +) == 1000)
        #expect(tiles.dropFirst().dropLast().allSatisfy { $0.width == 256 })
        #expect(tiles.count == 5)
    }

    @Test func nothingIsFetchedOutsideTheLayersZoomRange() throws {
        var options = try LayerOptions(url: Self.service)
        try options.setZoomRange(min: 13, max: nil)
        #expect(try Self.tiles(center: LatLng(latitude: 0, longitude: 0), zoom: 12, width: 10, height: 10, options: options).isEmpty)
    }

    @Test func splitsIntoNearlyEqualPieces() {
        #expect(ExportTiling.split(0..<10, maximum: 4) == [0..<3, 3..<6, 6..<10])
        #expect(ExportTiling.split(5..<9, maximum: 4) == [5..<9])
    }
}
