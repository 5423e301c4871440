import Testing
@testable import PixelPipeline

@Suite struct RasterTests {
    @Test func newRasterIsTransparentBlack() {
        let raster = Raster(width: 3, height: 2)
        #expect(raster.pixels.count == 24)
        #expect(raster.pixels.allSatisfy { $0 == 0 })
    }
}
