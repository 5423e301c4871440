import Testing
import LayerOptions
@testable import LocalImageServer

@Suite struct IdentifyTests {
    /// The centre of source pixel (column, row) of the Scene (0.001° cells from 10°E, 45.3°N).
    func sceneGeometry(_ column: Int, _ row: Int) -> String {
        #"{"x":\#(10 + (Double(column) + 0.5) * 0.001),"y":\#(45.3 - (Double(row) + 0.5) * 0.001),"spatialReference":{"wkid":4326}}"#
    }

    @Test func multibandValueItemsAndVisibilities() throws {
        let service = try CatalogFixture.service("Scene")
        let answer = try service.identify(parameters(["geometry": sceneGeometry(20, 20), "geometryType": "esriGeometryPoint", "returnGeometry": "false"]))
        #expect(answer[member: "objectId"] == 0)
        #expect(answer[member: "name"] == "Pixel")
        #expect(answer[member: "value"] == "160, 130, 100, 180")
        #expect(answer[member: "location"]?[member: "spatialReference"]?.stringified == #"{"wkid":4326,"latestWkid":4326}"#)
        #expect(answer[member: "properties"]?.stringified == #"{"Values":["160 130 100 180"]}"#)
        #expect(answer[member: "catalogItems"]?[member: "features"]?[0]?[member: "attributes"]?[member: "OBJECTID"] == 1)
        #expect(answer[member: "catalogItems"]?[member: "features"]?[0]?[member: "attributes"]?[member: "Name"] == "Scene")
        #expect(answer[member: "catalogItems"]?[member: "features"]?[0]?[member: "geometry"] == nil)
        #expect(answer[member: "catalogItemVisibilities"] == [1])
    }

    @Test func renderingRuleIsHonoured() throws {
        let service = try CatalogFixture.service("Scene")
        // A dense field (R 30, NIR 210): NDVI 0.75 → 175. Water (R 30, NIR 10): -0.5 → 50.
        let rule = #"{"rasterFunction":"NDVI","rasterFunctionArguments":{"VisibleBandID":0,"InfraredBandID":3}}"#
        let dense = try service.identify(parameters(["geometry": sceneGeometry(125, 25), "renderingRule": rule]))
        #expect(dense[member: "value"] == "175")
        let water = try service.identify(parameters(["geometry": sceneGeometry(300, 150), "renderingRule": rule]))
        #expect(water[member: "value"] == "50")
    }

    @Test func outsideEveryRasterIsNoData() throws {
        let service = try CatalogFixture.service("Scene")
        let answer = try service.identify(parameters(["geometry": "0,0"]))
        #expect(answer.stringified == #"{"objectId":0,"name":"Pixel","value":"NoData","location":{"x":0,"y":0,"spatialReference":{"wkid":4326,"latestWkid":4326}},"properties":null,"catalogItems":{"objectIdFieldName":"OBJECTID","geometryType":"esriGeometryPolygon","spatialReference":{"wkid":4326,"latestWkid":4326},"features":[]},"catalogItemVisibilities":[]}"#)
    }

    @Test func floatValuesTheNoDataHoleAndLocationInServiceReference() throws {
        let service = try CatalogFixture.service("Elevation")
        // x,y is read in the service's reference (Web Mercator); cell (10, 10).
        let x = 1_000_000 + 10.5 * 500, y = 5_900_000 - 10.5 * 500
        let answer = try service.identify(parameters(["geometry": "\(x),\(y)"]))
        let expected = try #require(RasterGenerator.elevation(column: 10, row: 10, width: 200, height: 200))
        #expect(answer[member: "value"]?.string == PixelValueFormat.string(expected, pixelType: .F32))
        #expect(answer[member: "location"]?.stringified == #"{"x":1005250,"y":5894750,"spatialReference":{"wkid":102100,"latestWkid":3857}}"#)
        // The hole around cell (150, 50): NoData, but the item is there with visibility 0.
        let hole = try service.identify(parameters(["geometry": "\(1_000_000 + 150.5 * 500),\(5_900_000 - 50.5 * 500)"]))
        #expect(hole[member: "value"] == "NoData")
        #expect(hole[member: "properties"]?.stringified == #"{"Values":["NoData"]}"#)
        #expect(hole[member: "catalogItemVisibilities"] == [0])
        #expect(hole[member: "catalogItems"]?[member: "features"]?[0]?[member: "geometry"]?[member: "rings"]?[0]?.array?.count == 5)
    }

    @Test func valueFormats() {
        #expect(PixelValueFormat.string(12.5, pixelType: .F32) == "12.5")
        #expect(PixelValueFormat.string(-17.5575, pixelType: .F32) == "-17.5575")
        #expect(PixelValueFormat.string(879, pixelType: .U16) == "879")
        #expect(PixelValueFormat.string(1088, pixelType: .F32) == "1088")
        #expect(PixelValueFormat.string([879, 1114, 1032, 975], pixelType: .U16, bandCount: 4, separator: ", ") == "879, 1114, 1032, 975")
        #expect(PixelValueFormat.string(nil, pixelType: .U8, bandCount: 3, separator: " ") == "NoData NoData NoData")
    }

    @Test func timeAndMosaicRulePickTheMonth() throws {
        let service = try CatalogFixture.service("Temperature")
        let july = service.items[0].raster, december = service.items[1].raster
        // Source pixel (1000, 300) of the 2160 x 1080 rasters (1/6° cells).
        let index = 300 * 2160 + 1000
        let geometry = #"{"x":\#(-180 + 1000.5 / 6),"y":\#(90 - 300.5 / 6),"spatialReference":{"wkid":4326}}"#
        let both = try service.identify(parameters(["geometry": geometry]))
        // The default rule sorts by AcquisitionDate closest to 2004-12-01: December on top.
        #expect(both[member: "value"]?.string == String(Int(december.bands[0][index])))
        #expect(both[member: "properties"]?[member: "Values"] == [.string(String(Int(december.bands[0][index]))), .string(String(Int(july.bands[0][index])))])
        #expect(both[member: "catalogItems"]?[member: "features"]?.array?.compactMap { $0[member: "attributes"]?[member: "Name"]?.string } == ["December", "July"])
        #expect(both[member: "catalogItemVisibilities"] == [1, 0])
        let inJuly = try service.identify(parameters(["geometry": geometry, "time": "1089000000000"]))
        #expect(inJuly[member: "value"]?.string == String(Int(july.bands[0][index])))
        #expect(inJuly[member: "catalogItemVisibilities"] == [1])
        let locked = try service.identify(parameters(["geometry": geometry, "mosaicRule": #"{"mosaicMethod":"esriMosaicLockRaster","lockRasterIds":[1]}"#]))
        #expect(locked[member: "value"]?.string == String(Int(july.bands[0][index])))
    }

    @Test func badGeometry() throws {
        let service = try CatalogFixture.service("Scene")
        #expect(throws: ArcGISError.invalid("geometry: 'here' is neither x,y nor geometry JSON such as {\"x\":10,\"y\":45,\"spatialReference\":{\"wkid\":4326}}")) {
            try service.identify(parameters(["geometry": "here"]))
        }
        #expect {
            try service.identify(parameters([:]))
        } throws: { error in (error as? ArcGISError)?.details.first?.hasPrefix("geometry: required") == true }
    }
}
