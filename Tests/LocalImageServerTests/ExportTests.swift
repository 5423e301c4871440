import Testing
import LayerOptions
import PixelPipeline
@testable import LocalImageServer

/// Decodes an export to RGBA.
func decoded(_ image: ExportedImage) throws -> Raster { try ImageDecoder.decode(image.bytes) }

/// The RGBA of pixel (x, y).
func pixel(_ raster: Raster, _ x: Int, _ y: Int) -> [UInt8] {
    let base = (y * raster.width + x) * 4
    return Array(raster.pixels[base..<base + 4])
}

@Suite struct ExportTests {
    @Test func blueMarblePixelAtKnownPlaceEqualsSourcePixel() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let source = service.items[0].raster
        // One output pixel per source pixel over a 10 x 10 source window: nearest is exact.
        let column = 1500, row = 400
        let west = -180 + Double(column) * 360 / 2700, north = 90 - Double(row) * 180 / 1350
        let bbox = "\(west),\(north - 10 * 180 / 1350.0),\(west + 10 * 360 / 2700.0),\(north)"
        let image = try service.exportImage(parameters(["bbox": bbox, "size": "10,10", "format": "png", "interpolation": "RSP_NearestNeighbor"]))
        #expect(image.contentType == "image/png")
        let raster = try decoded(image)
        for (x, y) in [(0, 0), (3, 7), (9, 9)] {
            let index = (row + y) * 2700 + column + x
            #expect(pixel(raster, x, y) == [UInt8(source.bands[0][index]), UInt8(source.bands[1][index]), UInt8(source.bands[2][index]), 255])
        }
    }

    @Test func bandIdsSwapChannelsExactly() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let common: KeyValuePairs<String, String> = ["bbox": "10,40,20,50", "size": "16,16", "format": "png"]
        let plain = try decoded(service.exportImage(parameters(common)))
        let swapped = try decoded(service.exportImage(parameters(["bbox": "10,40,20,50", "size": "16,16", "format": "png", "bandIds": "2,1,0"])))
        for index in stride(from: 0, to: plain.pixels.count, by: 4) {
            #expect(swapped.pixels[index] == plain.pixels[index + 2])
            #expect(swapped.pixels[index + 1] == plain.pixels[index + 1])
            #expect(swapped.pixels[index + 2] == plain.pixels[index])
        }
        #expect(throws: ArcGISError.invalid("bandIds: band 3 does not exist; the image has 3 band(s), 0 to 2")) {
            try service.exportImage(parameters(["bbox": "10,40,20,50", "size": "16,16", "bandIds": "3,1,0"]))
        }
    }

    @Test func jpgpngPicksJPEGWhenOpaqueAndPNGWhenTransparent() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let inside = try service.exportImage(parameters(["bbox": "-10,-10,10,10", "size": "32,32"]))
        #expect(inside.contentType == "image/jpeg")
        #expect(inside.fileExtension == "jpg")
        #expect(Array(inside.bytes.prefix(3)) == [0xFF, 0xD8, 0xFF])
        // A Web Mercator view wider than the world: the wrap fills x, so go beyond the poles in 4326 instead.
        let beyond = try service.exportImage(parameters(["bbox": "-10,80,10,100", "size": "32,32", "adjustAspectRatio": "false"]))
        #expect(beyond.contentType == "image/png")
        let raster = try decoded(beyond)
        #expect(pixel(raster, 5, 2)[3] == 0)
        #expect(pixel(raster, 5, 30)[3] == 255)
    }

    @Test func adjustAspectRatioWidensTheExtent() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let image = try service.exportImage(parameters(["bbox": "0,0,10,10", "size": "200,100"]))
        #expect(image.extent.stringified == #"{"xmin":-5,"ymin":0,"xmax":15,"ymax":10,"spatialReference":{"wkid":4326,"latestWkid":4326}}"#)
        #expect(image.width == 200 && image.height == 100)
        let kept = try service.exportImage(parameters(["bbox": "0,0,10,10", "size": "200,100", "adjustAspectRatio": "false"]))
        #expect(kept.extent[member: "xmin"] == 0 && kept.extent[member: "xmax"] == 10)
        let flipped = try service.exportImage(parameters(["bbox": "0,10,10,0", "size": "100,100", "imageSR": "102100", "bboxSR": "4326", "adjustAspectRatio": "false"]))
        #expect(flipped.extent[member: "spatialReference"]?.stringified == #"{"wkid":102100,"latestWkid":3857}"#)
        #expect(flipped.extent[member: "xmax"]?.number.map { abs($0 - 1113194.9079327357) < 1e-6 } == true)
    }

    @Test func sizeLimitAndBadSizes() throws {
        let service = try CatalogFixture.service("WorldImagery")
        #expect {
            try service.exportImage(parameters(["bbox": "0,0,10,10", "size": "100000,400"]))
        } throws: { error in
            (error as? ArcGISError)?.details.first == "The requested image exceeds the size limit."
        }
        for size in ["0,0", "-5,10", "abc", "10", "10.5,10"] {
            #expect(throws: ArcGISError.invalid("size: '\(size)' is not two positive whole numbers: width,height")) {
                try service.exportImage(parameters(["bbox": "0,0,10,10", "size": size]))
            }
        }
    }

    @Test func badBboxSpatialReferenceFormatAndRules() throws {
        let service = try CatalogFixture.service("WorldImagery")
        #expect(throws: ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: ["bbox: 'abc' is not 4 numbers: xmin,ymin,xmax,ymax"])) {
            try service.exportImage(parameters(["bbox": "abc"]))
        }
        #expect(throws: ArcGISError.invalid("bbox: '1,2,3' is not 4 numbers: xmin,ymin,xmax,ymax")) { try service.exportImage(parameters(["bbox": "1,2,3"])) }
        #expect(throws: ArcGISError.invalid("bbox: '1,2,1,4' has no area (xmin equals xmax or ymin equals ymax)")) { try service.exportImage(parameters(["bbox": "1,2,1,4"])) }
        #expect(throws: ArcGISError.invalid("imageSR: wkid 2154 is not supported by this server; use 4326 or 3857 (102100)")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "imageSR": "2154"]))
        }
        #expect(throws: ArcGISError.invalid("bboxSR: wkid 27700 is not supported by this server; use 4326 or 3857 (102100)")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "bboxSR": #"{"wkid":27700}"#]))
        }
        #expect(throws: ArcGISError.invalid("format: 'webp' is not an image format; use one of jpgpng, png, png8, png24, png32, jpg")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "format": "webp"]))
        }
        #expect(throws: ArcGISError.unsupported("format: 'tiff' is not supported by this server; use one of jpgpng, png, png8, png24, png32, jpg")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "format": "tiff"]))
        }
        #expect(throws: ArcGISError.invalid("renderingRule: raster function 'Sepia' is not supported by this server; use one of None, ExtractBand, Stretch, Colormap, Hillshade, NDVI, BandArithmetic")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "renderingRule": #"{"rasterFunction":"Sepia"}"#]))
        }
        #expect {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "renderingRule": #"{"rasterFunction":"#]))
        } throws: { error in
            (error as? ArcGISError)?.details.first?.hasPrefix("renderingRule: malformed JSON: invalid JSON at line 1") == true
        }
        #expect(throws: ArcGISError.invalid("mosaicRule: expected a JSON object, got a string")) {
            try service.exportImage(parameters(["bbox": "0,0,1,1", "mosaicRule": #""esriMosaicCenter""#]))
        }
    }

    @Test func noDataMatchAnyVersusMatchAll() throws {
        // Scene water is R 30, G 60, B 120; soil is 160, 130, 100.
        let service = try CatalogFixture.service("Scene")
        let bbox = "10,45,10.4,45.3"
        let any = try decoded(service.exportImage(parameters(["bbox": bbox, "size": "400,300", "format": "png", "noData": "30"])))
        let waterPixel = (300, 150), soilPixel = (20, 20), denseField = (100 + 25, 25)
        // MatchAny with one value: red 30 alone makes water and dense vegetation (R 30) transparent.
        #expect(pixel(any, waterPixel.0, waterPixel.1)[3] == 0)
        #expect(pixel(any, denseField.0, denseField.1)[3] == 0)
        #expect(pixel(any, soilPixel.0, soilPixel.1) == [160, 130, 100, 255])
        // A list defaults to MatchAll: only pixels equal in all three bands (water).
        let all = try decoded(service.exportImage(parameters(["bbox": bbox, "size": "400,300", "format": "png", "noData": "30,60,120,10"])))
        #expect(pixel(all, waterPixel.0, waterPixel.1)[3] == 0)
        #expect(pixel(all, denseField.0, denseField.1) == [30, 90, 40, 255])
        let listAny = try decoded(service.exportImage(parameters(["bbox": bbox, "size": "400,300", "format": "png", "noData": "30,0,0,0",
                                                                 "noDataInterpretation": "esriNoDataMatchAny"])))
        #expect(pixel(listAny, denseField.0, denseField.1)[3] == 0)
    }
}

@Suite struct ExportOptionTests {
    let bbox = "5,40,15,50"

    @Test func compressionQualityAndFormats() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let low = try service.exportImage(parameters(["bbox": bbox, "size": "128,128", "format": "jpg", "compressionQuality": "10"]))
        let high = try service.exportImage(parameters(["bbox": bbox, "size": "128,128", "format": "jpg", "compressionQuality": "95"]))
        #expect(low.contentType == "image/jpeg" && high.contentType == "image/jpeg")
        #expect(low.bytes.count * 2 < high.bytes.count)
        for format in ["png", "png8", "png24", "png32"] {
            let image = try service.exportImage(parameters(["bbox": bbox, "size": "8,8", "format": format]))
            #expect(image.contentType == "image/png" && image.fileExtension == "png")
            #expect(Array(image.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
        #expect(throws: ArcGISError.invalid("compressionQuality: '101' is not an integer from 0 to 100")) {
            try service.exportImage(parameters(["bbox": bbox, "compressionQuality": "101"]))
        }
        // jpg with transparent pixels: JPEG regardless, NoData flattened onto black.
        let flattened = try decoded(service.exportImage(parameters(["bbox": "-10,80,10,100", "size": "16,16", "format": "jpg", "adjustAspectRatio": "false"])))
        #expect(pixel(flattened, 8, 0).prefix(3).allSatisfy { $0 < 8 })
    }

    @Test func interpolationNearestKeepsSourceValuesBilinearBlends() throws {
        let service = try CatalogFixture.service("Scene")
        // Ten output pixels per source pixel across the soil (column 99, R 160) / dense field
        // (column 100, R 30) edge, output pixel centres at source x 99.1, 99.2, …, rows 20-21.
        let common: [(name: String, value: String)] = [("bbox", "10.09905,45.279,10.10105,45.28"), ("size", "20,10"), ("format", "png")]
        let nearest = try decoded(service.exportImage(ServiceParameters(common + [("interpolation", "RSP_NearestNeighbor")])))
        let bilinear = try decoded(service.exportImage(ServiceParameters(common + [("interpolation", "RSP_BilinearInterpolation")])))
        let cubic = try decoded(service.exportImage(ServiceParameters(common + [("interpolation", " RSP_CubicConvolution")])))
        #expect(pixel(nearest, 8, 5) == [160, 130, 100, 255])
        #expect(pixel(nearest, 10, 5) == [30, 90, 40, 255])
        // Bilinear between the centres 99.5 and 100.5: x 99.7 → 160 − 130 · 0.2 = 134,
        // 99.8 → 121, 100.0 → 95; up to 99.5 the soil value itself.
        #expect(pixel(bilinear, 6, 5)[0] == 134)
        #expect(pixel(bilinear, 7, 5)[0] == 121)
        #expect(pixel(bilinear, 9, 5)[0] == 95)
        #expect(pixel(bilinear, 2, 5)[0] == 160)
        #expect(cubic.pixels == bilinear.pixels)
        #expect(throws: ArcGISError.invalid("interpolation: 'lanczos' is not RSP_NearestNeighbor, RSP_BilinearInterpolation, RSP_CubicConvolution or RSP_Majority")) {
            try service.exportImage(parameters(["bbox": bbox, "interpolation": "lanczos"]))
        }
    }

    @Test func spatialReferenceSpellings() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let reference = try service.exportImage(parameters(["bbox": "0,0,1000000,1000000", "bboxSR": "3857", "imageSR": "3857", "size": "16,16", "format": "png"]))
        for (bboxSR, imageSR) in [("102100", #"{"wkid":102100}"#), ("900913", "102113"), (#"{"latestWkid":3857}"#, "3857")] {
            let image = try service.exportImage(parameters(["bbox": "0,0,1000000,1000000", "bboxSR": bboxSR, "imageSR": imageSR, "size": "16,16", "format": "png"]))
            #expect(image.bytes == reference.bytes)
            #expect(image.extent == reference.extent)
        }
        #expect(throws: ArcGISError.invalid("imageSR: spatial references given as WKT are not supported; use {\"wkid\":4326} or {\"wkid\":3857}")) {
            try service.exportImage(parameters(["bbox": bbox, "imageSR": #"{"wkt":"PROJCS[...]"}"#]))
        }
    }

    @Test func timeAndNoDataErrors() throws {
        let service = try CatalogFixture.service("Temperature")
        #expect(throws: ArcGISError.invalid("time: 'yesterday' is not an epoch-milliseconds instant or range 't1,t2' (null for an open end)")) {
            try service.exportImage(parameters(["bbox": bbox, "time": "yesterday"]))
        }
        #expect(throws: ArcGISError.invalid("time: '5,1' ends before it starts")) { try service.exportImage(parameters(["bbox": bbox, "time": "5,1"])) }
        #expect(throws: ArcGISError.invalid("noData: 'none' is not a number or a list of numbers, one per band")) {
            try service.exportImage(parameters(["bbox": bbox, "noData": "none"]))
        }
        #expect(throws: ArcGISError.invalid("noData: 2 values for an image of 1 band(s); give one value, or one per band")) {
            try service.exportImage(parameters(["bbox": bbox, "noData": "1,2"]))
        }
        #expect(throws: ArcGISError.invalid("pixelType: 'U7' is not one of U1, U2, U4, U8, S8, U16, S16, U32, S32, F32, F64")) {
            try service.exportImage(parameters(["bbox": bbox, "pixelType": "U7"]))
        }
    }
}
