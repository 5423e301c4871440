import Testing
import RequestPlanning

@Suite struct SphericalMercatorTests {
    @Test func projectsTheOriginAndTheWorldEdge() {
        let origin = SphericalMercator.project(latitude: 0, longitude: 0)
        #expect(origin.x == 0 && origin.y == 0)
        let edge = SphericalMercator.project(latitude: 0, longitude: 180)
        #expect(edge.x == SphericalMercator.halfWorld)
    }

    @Test func clampsLatitudesBeyondTheMercatorLimit() {
        let pole = SphericalMercator.project(latitude: 90, longitude: 0)
        let limit = SphericalMercator.project(latitude: SphericalMercator.maxLatitude, longitude: 0)
        #expect(pole.y == limit.y)
        #expect(abs(limit.y - SphericalMercator.halfWorld) < 1e-3)
    }
}
