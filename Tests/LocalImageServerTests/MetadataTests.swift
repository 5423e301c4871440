import Foundation
import Testing
import LayerOptions
@testable import LocalImageServer

@Suite struct MetadataTests {
    @Test func catalogListsTheBuiltInServicesSortedByName() throws {
        let catalog = try CatalogFixture.catalog.get()
        #expect(catalog.services.map(\.name) == ["Elevation", "ElevationShading", "NightLights", "Scene", "Temperature", "WorldImagery"])
        #expect(catalog.service(named: "worldimagery")?.name == "WorldImagery")
        #expect(catalog.service(named: "Nope") == nil)
    }

    @Test func worldImageryRoot() throws {
        let root = try CatalogFixture.service("WorldImagery").metadata()
        #expect(root[member: "currentVersion"] == 11.1)
        #expect(root[member: "name"] == "WorldImagery")
        #expect(root[member: "capabilities"] == "Image,Metadata,Catalog")
        #expect(root[member: "extent"]?.stringified == #"{"xmin":-180,"ymin":-90,"xmax":180,"ymax":90,"spatialReference":{"wkid":4326,"latestWkid":4326}}"#)
        #expect(root[member: "spatialReference"]?.stringified == #"{"wkid":4326,"latestWkid":4326}"#)
        #expect(root[member: "pixelSizeX"] == .number(360.0 / 2700))
        #expect(root[member: "pixelSizeY"] == .number(180.0 / 1350))
        #expect(root[member: "bandCount"] == 3)
        #expect(root[member: "bandNames"] == ["Red", "Green", "Blue"])
        #expect(root[member: "pixelType"] == "U8")
        #expect(root[member: "minValues"]?.array?.count == 3)
        #expect(root[member: "maxValues"]?[0]?.number.map { $0 <= 255 && $0 > 200 } == true)
        #expect(root[member: "objectIdField"] == "OBJECTID")
        #expect(root[member: "fields"]?.array?.compactMap { $0[member: "name"]?.string }
            == ["OBJECTID", "Name", "AcquisitionDate", "CloudCover", "ProductName", "LowPS", "HighPS", "CenterX", "CenterY", "Shape_Length", "Shape_Area"])
        #expect(root[member: "fields"]?[0]?[member: "type"] == "esriFieldTypeOID")
        #expect(root[member: "fields"]?[2]?[member: "type"] == "esriFieldTypeDate")
        #expect(root[member: "defaultMosaicMethod"] == "Northwest")
        #expect(root[member: "allowedMosaicMethods"] == "None,Center,NorthWest,LockRaster,ByAttribute")
        #expect(root[member: "mosaicOperator"] == "First")
        #expect(root[member: "maxImageWidth"] == 4100)
        #expect(root[member: "maxImageHeight"] == 4100)
        #expect(root[member: "maxRecordCount"] == 1000)
        #expect(root[member: "allowRasterFunction"] == true)
        #expect(root[member: "rasterFunctionInfos"]?[0]?[member: "name"] == "None")
        #expect(root[member: "hasMultidimensions"] == false)
        #expect(root[member: "timeInfo"] == nil)
        #expect(root[member: "defaultResamplingMethod"] == "Bilinear")
        #expect(root[member: "defaultCompressionQuality"] == 75)
    }

    @Test func temperatureIsTimeAware() throws {
        let root = try CatalogFixture.service("Temperature").metadata()
        #expect(root[member: "timeInfo"]?.stringified
            == #"{"startTimeField":"AcquisitionDate","endTimeField":"EndDate","timeExtent":[1088640000000,1104537599999],"timeReference":null,"defaultTimeInterval":1,"defaultTimeIntervalUnits":"esriTimeUnitsMonths"}"#)
        #expect(root[member: "bandCount"] == 1)
        #expect(root[member: "serviceSourceType"] == "esriImageServiceSourceTypeMosaicDataset")
    }

    @Test func elevationIsF32WebMercatorWithNoData() throws {
        let root = try CatalogFixture.service("Elevation").metadata()
        #expect(root[member: "spatialReference"]?.stringified == #"{"wkid":102100,"latestWkid":3857}"#)
        #expect(root[member: "pixelType"] == "F32")
        #expect(root[member: "pixelSizeX"] == 500)
        #expect(root[member: "noDataValue"] == -9999)
        #expect(root[member: "noDataValues"] == [-9999])
        #expect(root[member: "serviceDataType"] == "esriImageServiceDataTypeElevation")
        // The plain starts at 400 m and the higher hill tops 2800 m; the hole is left out.
        #expect(root[member: "minValues"]?[0]?.number.map { $0 > 400 && $0 < 410 } == true)
        #expect(root[member: "maxValues"]?[0]?.number.map { $0 > 2800 && $0 < 3000 } == true)
    }

    @Test func elevationShadingTilesSitWestAndEast() throws {
        let service = try CatalogFixture.service("ElevationShading")
        #expect(service.items.map(\.footprint) == [Envelope(xmin: -180, ymin: -90, xmax: 0, ymax: 90), Envelope(xmin: 0, ymin: -90, xmax: 180, ymax: 90)])
        #expect(service.items.map(\.raster.width) == [675, 675])
    }

    @Test func missingRasterFileNamesServiceFileAndFix() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-catalog-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = #"{"name":"Gone","spatialReference":4326,"bandNames":["Gray"],"rasters":[{"file":"/usr/share/marble/data/maps/earth/nothing.jpg","extent":{"xmin":-180,"ymin":-90,"xmax":180,"ymax":90}}]}"#
        try text.write(to: directory.appendingPathComponent("Gone.json"), atomically: true, encoding: .utf8)
        #expect {
            _ = try ImageServiceCatalog(directory: directory.path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("service Gone") && message.contains("/usr/share/marble/data/maps/earth/nothing.jpg")
                && message.contains("apt-get install marble-qt-data")
        }
    }

    @Test func parametersAreCaseInsensitiveTrimmedAndIgnoreEmptyValues() {
        let p = ServiceParameters([("BBOX", " 1,2,3,4 "), ("size", ""), ("Format", "png"), ("format", "jpg"), ("format", "")])
        #expect(p["bbox"] == "1,2,3,4")
        #expect(p["size"] == nil)
        #expect(p["FORMAT"] == "jpg")
    }

    @Test func errorEnvelope() {
        let error = ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: ["bbox: 'abc' is not 4 numbers"])
        #expect(error.json.stringified == #"{"error":{"code":400,"message":"Invalid or missing input parameters.","details":["bbox: 'abc' is not 4 numbers"]}}"#)
    }
}
