import Foundation
import Testing
import LayerOptions
@testable import LocalImageServer

/// Raster functions on tiny blocks, against hand-computed values.
@Suite struct RenderingTests {
    let context = RenderingContext(cellSize: (10, 10), bandNames: ["Red", "Green", "Blue", "NearInfrared"])

    func block(_ bands: [[Float]], width: Int, pixelType: PixelType = .U8) -> PixelBlock {
        PixelBlock(width: width, height: bands[0].count / width, bands: bands, mask: [UInt8](repeating: 1, count: bands[0].count),
                   pixelType: pixelType, statistics: bands.map { _ in nil })
    }

    func rule(_ text: String) throws -> RenderingRule {
        guard case .object(let object) = try JSONParser.parse(text) else { throw FixtureError("not an object") }
        return try RenderingRule(object)
    }

    /// Dense vegetation, water, soil, sparse vegetation (R, G, B, NIR).
    var scene: PixelBlock {
        block([[30, 30, 160, 70], [90, 60, 130, 110], [40, 120, 100, 60], [210, 10, 180, 150]], width: 4)
    }

    @Test func ndviOfKnownPixels() throws {
        let u8 = try rule(#"{"rasterFunction":"NDVI","rasterFunctionArguments":{"VisibleBandID":0,"InfraredBandID":3}}"#).apply(to: scene, context: context)
        // (210-30)/240 = 0.75 → 175; (10-30)/40 = -0.5 → 50; 20/340 = 0.0588 → 106; 80/220 = 0.3636 → 136.
        #expect(u8.bands == [[175, 50, 106, 136]])
        #expect(u8.pixelType == .U8)
        let scientific = try rule(#"{"rasterFunction":"NDVI","rasterFunctionArguments":{"VisibleBandID":0,"InfraredBandID":3,"ScientificOutput":true}}"#)
            .apply(to: scene, context: context)
        #expect(scientific.bands == [[0.75, -0.5, Float(20) / 340, Float(80) / 220]])
        let arithmetic = try rule(#"{"rasterFunction":"BandArithmetic","rasterFunctionArguments":{"Method":1,"BandIndexes":"4 1"}}"#)
            .apply(to: scene, context: context)
        #expect(arithmetic.bands == scientific.bands)
        #expect(arithmetic.pixelType == .F32)
        let expression = try rule(#"{"rasterFunction":"BandArithmetic","rasterFunctionArguments":{"Method":0,"BandIndexes":"(B4 - B1) * 2 / -(-B2)"}}"#)
            .apply(to: scene, context: context)
        #expect(expression.bands == [[4, Float(-40) / 60, Float(40) / 130, Float(160) / 110]])
    }

    @Test func hillshadeOfPlanes() {
        // A flat plane: slope 0 → 255 · cos(zenith 45°) = 180.31 → 180.
        let flat = [Double](repeating: 5, count: 9)
        #expect(HillshadeFunction.shade(flat, cellX: 10, cellY: 10, azimuth: 315, altitude: 45, zFactor: 1) == 255 * cos(Double.pi / 4))
        // Rising 10 m per 10 m eastwards: slope 45°, facing west (aspect π); light from the
        // north-west (315° → 135° mathematical): cos(135° − 180°) = cos(45°).
        let east: [Double] = [0, 10, 20, 0, 10, 20, 0, 10, 20]
        let expected = 255 * (cos(Double.pi / 4) * cos(Double.pi / 4) + sin(Double.pi / 4) * sin(Double.pi / 4) * cos(Double.pi / 4))
        #expect(abs(HillshadeFunction.shade(east, cellX: 10, cellY: 10, azimuth: 315, altitude: 45, zFactor: 1) - expected) < 1e-9)
        // Through the function on a 3 x 3 block: the centre gets round(217.66) = 218.
        let plane = PixelBlock(width: 3, height: 3, bands: [east.map { Float($0) }], mask: [UInt8](repeating: 1, count: 9),
                               pixelType: .F32, statistics: [nil])
        let shaded = HillshadeFunction(azimuth: 315, altitude: 45, zFactor: 1)
        #expect((try? shaded.apply(to: plane, context: context))?.bands[0][4] == 218)
        // Facing the light (falling eastwards, lit from the east): cos(0) → 255 · (0.5 + 0.5) = 255.
        let west: [Double] = [20, 10, 0, 20, 10, 0, 20, 10, 0]
        #expect(abs(HillshadeFunction.shade(west, cellX: 10, cellY: 10, azimuth: 90, altitude: 45, zFactor: 1) - 255) < 1e-9)
    }

    @Test func hillshadeKernelMatchesTheScalarFormula() throws {
        // A 24 x 20 DEM of the elevation recipe with a few NoData cells, against `shade`
        // with the same edge rule (missing neighbours repeat the centre).
        let width = 24, height = 20
        var values: [Float] = []
        for row in 0..<height { for column in 0..<width { values.append(RasterGenerator.elevation(column: column * 5, row: row * 5, width: 120, height: 100) ?? -9999) } }
        var mask = values.map { $0 == -9999 ? UInt8(0) : 1 }
        mask[5 * width + 7] = 0
        let dem = PixelBlock(width: width, height: height, bands: [values], mask: mask, pixelType: .F32, statistics: [nil])
        for (azimuth, altitude, zFactor) in [(315.0, 45.0, 1.0), (90, 30, 2.5), (200, 60, 0.5)] {
            let shaded = try HillshadeFunction(azimuth: azimuth, altitude: altitude, zFactor: zFactor)
                .apply(to: dem, context: RenderingContext(cellSize: (37, 41), bandNames: ["Height"]))
            for row in 0..<height {
                for column in 0..<width where mask[row * width + column] != 0 {
                    var window: [Double] = []
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let r = row + dy, c = column + dx
                            let inside = r >= 0 && r < height && c >= 0 && c < width && mask[r * width + c] != 0
                            window.append(Double(inside ? values[r * width + c] : values[row * width + column]))
                        }
                    }
                    let expected = HillshadeFunction.shade(window, cellX: 37, cellY: 41, azimuth: azimuth, altitude: altitude, zFactor: zFactor)
                    #expect(abs(Double(shaded.bands[0][row * width + column]) - expected) <= 0.5 + 1e-9)
                }
            }
        }
    }

    @Test func stretchMinMaxAndStandardDeviation() throws {
        let input = block([[25, 50, 100, 150, 200, 110]], width: 6, pixelType: .F32)
        let minMax = try rule(#"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":5,"Statistics":[[50,150,100,10]]}}"#)
            .apply(to: input, context: context)
        // (v − 50) / 100 · 255: 25 → 0, 50 → 0, 100 → 127.5 → 128, 150 → 255, 200 → 255, 110 → 153.
        #expect(minMax.bands == [[0, 0, 128, 255, 255, 153]])
        let ranged = try rule(#"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":5,"Statistics":[[50,150,100,10]],"Min":10,"Max":20}}"#)
            .apply(to: input, context: context)
        #expect(ranged.bands == [[10, 10, 15, 20, 20, 16]])
        // Mean 100 ± 2 · 10 → 80…120: 100 → 127.5 → 128, 110 → 191.25 → 191.
        let deviation = try rule(#"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":3,"NumberOfStandardDeviations":2,"Statistics":[[50,150,100,10]]}}"#)
            .apply(to: input, context: context)
        #expect(deviation.bands == [[0, 0, 128, 255, 255, 191]])
        // DRA: the block's own 25…200.
        let dra = try rule(#"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":5,"DRA":true}}"#).apply(to: input, context: context)
        #expect(dra.bands == [[0, 36, 109, 182, 255, 124]])
        #expect(throws: ArcGISError.invalid("renderingRule: Stretch StretchType 4 is not supported; use 0 (None), 3 (StandardDeviation), 5 (MinMax) or 6 (PercentClip)")) {
            try rule(#"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":4}}"#)
        }
    }

    @Test func colormapTableAndNamedRamps() throws {
        let input = block([[1, 2, 3]], width: 3)
        let mapped = try rule(#"{"rasterFunction":"Colormap","rasterFunctionArguments":{"Colormap":[[1,255,0,0],[2,0,255,0]]}}"#)
            .apply(to: input, context: context)
        #expect(mapped.bands == [[255, 0, 0], [0, 255, 0], [0, 0, 0]])
        #expect(mapped.mask == [1, 1, 0])
        let gray = try rule(#"{"rasterFunction":"Colormap","rasterFunctionArguments":{"ColormapName":"Gray"}}"#).apply(to: input, context: context)
        #expect(gray.bands == [[1, 2, 3], [1, 2, 3], [1, 2, 3]])
        // NDVI 175 lies 15/40 of the way from 160 (0,170,0) to 200 (0,80,0): green 170 − 90 · 15/40 = 136.25; 100 is a stop.
        let ndvi = try rule(#"{"rasterFunction":"Colormap","rasterFunctionArguments":{"ColormapName":"NDVI"}}"#)
            .apply(to: block([[175, 100]], width: 2), context: context)
        #expect(ndvi.bands == [[0, 210], [136, 180], [0, 140]])
    }

    @Test func chainsThroughRasterAndExtractBand() throws {
        let chained = try rule(#"{"rasterFunction":"Colormap","rasterFunctionArguments":{"Colormap":[[175,0,128,0],[50,0,0,255]],"Raster":{"rasterFunction":"NDVI","rasterFunctionArguments":{"VisibleBandID":0,"InfraredBandID":3}}}}"#)
            .apply(to: scene, context: context)
        #expect(chained.bands == [[0, 0, 0, 0], [128, 0, 0, 0], [0, 255, 0, 0]])
        #expect(chained.mask == [1, 1, 0, 0])
        for spelling in ["BandIDs", "BandIds"] {
            let extracted = try rule(#"{"rasterFunction":"ExtractBand","rasterFunctionArguments":{"\#(spelling)":[3,0]}}"#).apply(to: scene, context: context)
            #expect(extracted.bands == [[210, 10, 180, 150], [30, 30, 160, 70]])
        }
        let named = try rule(#"{"rasterFunction":"ExtractBand","rasterFunctionArguments":{"BandNames":["NearInfrared"]}}"#).apply(to: scene, context: context)
        #expect(named.bands == [[210, 10, 180, 150]])
        #expect(throws: ArcGISError.invalid("renderingRule: ExtractBand BandIDs 7 does not exist; its input has 4 band(s), 0 to 3")) {
            try rule(#"{"rasterFunction":"ExtractBand","rasterFunctionArguments":{"BandIDs":[7]}}"#).apply(to: scene, context: context)
        }
        #expect(try rule(#"{"rasterFunction":"None"}"#).isIdentity)
    }
}
