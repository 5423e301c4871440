import Testing
import LayerOptions
import RequestPlanning

/// Expected values computed with Leaflet 1.9.4's own formulas in V8.
@Suite struct MapViewTests {
    @Test func setViewRoundsThePixelOriginAsLeaflet() {
        let view = MapView(center: LatLng(latitude: 37.75, longitude: -122.45), zoom: 12, width: 500, height: 500)
        #expect(view.pixelOrigin == (167_377, 405_138))
        #expect(view.scale == 1_048_576)
        let odd = MapView(center: LatLng(latitude: 0, longitude: 0), zoom: 0, width: 501, height: 333)
        #expect(odd.pixelOrigin == (-122, -38))
    }

    @Test func exportBBoxIsTheUnprojectedPixelBoundsProjectedAgain() {
        let view = MapView(center: LatLng(latitude: 37.75, longitude: -122.45), zoom: 12, width: 500, height: 500)
        let box = view.exportBBox
        #expect(box.xmin == -13_640_608.101145273 && box.ymin == 4_534_626.703018083)
        #expect(box.xmax == -13_621_498.844073977 && box.ymax == 4_553_735.960089375)
        #expect(view.exportSize == (500, 500))
    }

    @Test func trimsTheHeightToTheWorldWhenTheMapIsTaller() {
        let tall = MapView(center: LatLng(latitude: 0, longitude: 0), zoom: 1, width: 300, height: 2000)
        #expect(tall.exportSize == (300, 512))
        #expect(tall.exportRows == (744, 512))
        #expect(tall.exportBBox.ymax == 20_037_508.34278071)
        let nearPole = MapView(center: LatLng(latitude: 85.05, longitude: 10), zoom: 2.3, width: 7, height: 5)
        #expect(nearPole.exportSize == (7, 3))
        let world = MapView(center: LatLng(latitude: -89.9, longitude: -190), zoom: 0.5, width: 1000, height: 1000)
        #expect(world.exportSize == (1000, 362))
        #expect(world.exportBBox.xmin == -76_490_755.17018636)
    }

    @Test func doesNotWrapAcrossTheAntimeridian() {
        let view = MapView(center: LatLng(latitude: 20, longitude: 179.99), zoom: 3.7, width: 501, height: 333)
        #expect(view.exportBBox.xmax == 23_049_039.85274073)
        #expect(view.exportBBox.xmax > SphericalMercator.halfWorld)
    }

    @Test func aBoundingBoxViewShowsExactlyThatExtentWithSquarePixels() {
        let view = MapView(west: -10, south: -10, east: 10, north: 10, width: 400, height: 200)
        let sw = SphericalMercator.project(latitude: -10, longitude: -10)
        let ne = SphericalMercator.project(latitude: 10, longitude: 10)
        let box = view.exportBBox
        #expect(abs(box.ymin - sw.y) < 1e-6 && abs(box.ymax - ne.y) < 1e-6)
        let metresPerPixel = (ne.y - sw.y) / 200
        #expect(abs((box.xmax - box.xmin) - 400 * metresPerPixel) < 1e-6)
        #expect(abs((box.xmin + box.xmax) / 2) < 1e-6)
    }

    @Test func aBoundingBoxAcrossTheAntimeridianIsCentredOnIt() {
        let view = MapView(west: 170, south: -10, east: -170, north: 10, width: 256, height: 256)
        let box = view.exportBBox
        #expect(abs((box.xmin + box.xmax) / 2 - SphericalMercator.halfWorld) < 1e-6)
    }
}
