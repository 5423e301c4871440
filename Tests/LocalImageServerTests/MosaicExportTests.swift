import Testing
import LayerOptions
import PixelPipeline
@testable import LocalImageServer

/// Mosaic rules, time, rendering rules and pixel types through exportImage.
@Suite struct MosaicExportTests {
    /// A 4 x 4 export of Temperature at one output pixel per source pixel from (1000, 300).
    func temperature(_ extra: KeyValuePairs<String, String> = [:]) throws -> [UInt8] {
        let service = try CatalogFixture.service("Temperature")
        var pairs: [(name: String, value: String)] = [
            ("bbox", "\(-180 + 1000 / 6.0),\(90 - 304 / 6.0),\(-180 + 1004 / 6.0),\(90 - 300 / 6.0)"),
            ("size", "4,4"), ("format", "png"), ("interpolation", "RSP_NearestNeighbor"),
        ]
        pairs += extra.map { (name: $0.key, value: $0.value) }
        let raster = try decoded(service.exportImage(ServiceParameters(pairs)))
        return stride(from: 0, to: raster.pixels.count, by: 4).map { raster.pixels[$0] }
    }

    func source(_ item: Int) throws -> [UInt8] {
        let raster = try CatalogFixture.service("Temperature").items[item].raster
        return (300..<304).flatMap { row in (1000..<1004).map { UInt8(raster.bands[0][row * 2160 + $0]) } }
    }

    @Test func defaultRuleTimeLockRasterAttributeAndWhere() throws {
        let july = try source(0), december = try source(1)
        #expect(july != december)
        #expect(try temperature() == december)
        #expect(try temperature(["time": "1088640000000,1091318399999"]) == july)
        #expect(try temperature(["time": "1101859200000,null"]) == december)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicLockRaster","lockRasterIds":[1]}"#]) == july)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicAttribute","sortField":"AcquisitionDate","sortValue":"2004-07-01","ascending":true}"#]) == july)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicAttribute","sortField":"AcquisitionDate","sortValue":"2004-07-01","ascending":false}"#]) == december)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicNone","where":"Name = 'December'"}"#]) == december)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicNone"}"#]) == july)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicNone","fids":[2]}"#]) == december)
        #expect(try temperature(["mosaicRule": #"{"mosaicMethod":"esriMosaicNone","mosaicOperation":"MT_LAST"}"#]) == december)
        #expect(try temperature(["mosaicRule": #"{"mosaicOperation":"MT_MAX"}"#]) == zip(july, december).map { max($0, $1) })
        #expect(try temperature(["mosaicRule": #"{"mosaicOperation":"MT_MIN"}"#]) == zip(july, december).map { min($0, $1) })
        #expect(try temperature(["mosaicRule": #"{"mosaicOperation":"MT_MEAN"}"#])
            == zip(july, december).map { UInt8(((Float($0) + Float($1)) / 2).rounded()) })
    }

    @Test func nothingSelectedIsTransparent() throws {
        let service = try CatalogFixture.service("Temperature")
        let image = try service.exportImage(parameters(["bbox": "0,0,10,10", "size": "8,8", "time": "0"]))
        #expect(image.contentType == "image/png")
        #expect(try decoded(image).pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 0 })
        #expect(throws: ArcGISError.invalid("mosaicRule: mosaicMethod \"esriMosaicSeamline\" is not supported; use esriMosaicNone, esriMosaicCenter, esriMosaicNorthwest, esriMosaicLockRaster or esriMosaicAttribute")) {
            try service.exportImage(parameters(["bbox": "0,0,10,10", "mosaicRule": #"{"mosaicMethod":"esriMosaicSeamline"}"#]))
        }
    }

    @Test func northwestAndCenterOrderTiles() throws {
        // Both ElevationShading tiles touch at 0°; a view straddling it shows both tiles either way.
        let service = try CatalogFixture.service("ElevationShading")
        let image = try decoded(service.exportImage(parameters(["bbox": "-10,-10,10,10", "size": "20,20", "format": "png"])))
        #expect(image.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
        let center = Envelope(xmin: 100, ymin: 0, xmax: 110, ymax: 10)
        let rule = try MosaicRule(parameter: ["mosaicMethod": "esriMosaicCenter"], service: service)
        #expect(rule.orderedItems(of: service, time: nil, center: (center.centerX, center.centerY)).map(\.objectID) == [2, 1])
        #expect(try MosaicRule(parameter: nil, service: service).orderedItems(of: service, time: nil, center: (100, 0)).map(\.objectID) == [1, 2])
    }

    @Test func sceneNDVIExportAndBands() throws {
        let service = try CatalogFixture.service("Scene")
        let ndvi = try decoded(service.exportImage(parameters([
            "bbox": "10,45,10.4,45.3", "size": "400,300", "format": "png",
            "renderingRule": #"{"rasterFunction":"NDVI","rasterFunctionArguments":{"VisibleBandID":0,"InfraredBandID":3}}"#,
        ])))
        #expect(pixel(ndvi, 125, 25) == [175, 175, 175, 255])   // dense field
        #expect(pixel(ndvi, 300, 150) == [50, 50, 50, 255])     // lake
        #expect(pixel(ndvi, 20, 20) == [106, 106, 106, 255])    // bare soil
        let falseColour = try decoded(service.exportImage(parameters(["bbox": "10,45,10.4,45.3", "size": "400,300", "format": "png", "bandIds": "3,0,1"])))
        #expect(pixel(falseColour, 125, 25) == [210, 30, 90, 255])
    }

    @Test func elevationPixelTypeAndDefaultStretch() throws {
        let service = try CatalogFixture.service("Elevation")
        let bbox = "1000000,5800000,1100000,5900000"
        // pixelType U8 clamps every height (above 400 m) to 255; the hole stays transparent.
        let clamped = try decoded(service.exportImage(parameters(["bbox": bbox, "size": "200,200", "format": "png", "pixelType": "U8"])))
        #expect(pixel(clamped, 10, 10) == [255, 255, 255, 255])
        #expect(pixel(clamped, 150, 50)[3] == 0)
        // Without pixelType, F32 is stretched from the service's min…max to 0…255.
        let stretched = try decoded(service.exportImage(parameters(["bbox": bbox, "size": "200,200", "format": "png", "interpolation": "RSP_NearestNeighbor"])))
        let statistics = service.statistics[0]
        let height = try #require(RasterGenerator.elevation(column: 10, row: 10, width: 200, height: 200))
        let expected = UInt8(((Double(height) - statistics.min) / (statistics.max - statistics.min) * 255).rounded())
        #expect(abs(Int(pixel(stretched, 10, 10)[0]) - Int(expected)) <= 1)
        // Hillshade over the DEM: U8, hole transparent, the plain (flat far from the hills) near 255·cos 45° = 180.
        let shaded = try service.exportImage(parameters(["bbox": bbox, "size": "200,200",
                                                          "renderingRule": #"{"rasterFunction":"Hillshade","rasterFunctionArguments":{"Azimuth":315,"Altitude":45,"ZFactor":1}}"#]))
        #expect(shaded.contentType == "image/png")
        let shade = try decoded(shaded)
        #expect(pixel(shade, 150, 50)[3] == 0)
        #expect(abs(Int(pixel(shade, 195, 5)[0]) - 180) <= 3)
    }

    @Test func webMercatorViewOfGeographicRaster() throws {
        // The pixel at 45°N 10°E in a Web Mercator export equals the source pixel there (nearest).
        let service = try CatalogFixture.service("WorldImagery")
        let centre = (x: 1_113_194.9079327357, y: 5_621_521.486192066)   // 10°E, 45°N
        let half = 50_000.0
        let raster = try decoded(service.exportImage(parameters([
            "bbox": "\(centre.x - half),\(centre.y - half),\(centre.x + half),\(centre.y + half)", "bboxSR": "3857", "imageSR": "3857",
            "size": "2,2", "format": "png", "interpolation": "RSP_NearestNeighbor",
        ])))
        let source = service.items[0].raster
        // The top-left output pixel centre is 25 km (Web Mercator) west and north of the centre.
        let corner = Projection.toGeographic(x: centre.x - 25_000, y: centre.y + 25_000, from: .webMercator)
        let column = Int((corner.longitude + 180) / (360.0 / 2700))
        let row = Int((90 - corner.latitude) / (180.0 / 1350))
        let index = row * 2700 + column
        #expect(pixel(raster, 0, 0) == [UInt8(source.bands[0][index]), UInt8(source.bands[1][index]), UInt8(source.bands[2][index]), 255])
    }
}
