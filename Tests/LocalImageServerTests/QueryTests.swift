import Testing
import LayerOptions
@testable import LocalImageServer

@Suite struct QueryTests {
    @Test func whereCountIdsAndFields() throws {
        let service = try CatalogFixture.service("Temperature")
        #expect(try service.query(parameters(["where": "1=1", "returnCountOnly": "true"])).stringified == #"{"count":2}"#)
        #expect(try service.query(parameters(["returnIdsOnly": "true"])).stringified == #"{"objectIdFieldName":"OBJECTID","objectIds":[1,2]}"#)
        let july = try service.query(parameters(["where": "Name = 'July'", "outFields": "Name", "returnGeometry": "false"]))
        #expect(july.stringified == #"{"objectIdFieldName":"OBJECTID","fields":[{"name":"OBJECTID","type":"esriFieldTypeOID","alias":"OBJECTID","domain":null},{"name":"Name","type":"esriFieldTypeString","alias":"Name","domain":null,"length":256}],"features":[{"attributes":{"OBJECTID":1,"Name":"July"}}],"exceededTransferLimit":false}"#)
        let late = try service.query(parameters(["where": "AcquisitionDate >= date '2004-10-01' AND CloudCover < 5", "returnIdsOnly": "true"]))
        #expect(late[member: "objectIds"] == [2])
        let either = try service.query(parameters(["where": "name IN ('July', 'March') OR OBJECTID = 2", "returnIdsOnly": "true"]))
        #expect(either[member: "objectIds"] == [1, 2])
        #expect(try service.query(parameters(["objectIds": "2", "where": "1=0", "returnIdsOnly": "true"]))[member: "objectIds"] == [2])
    }

    @Test func pagingReportsExceededTransferLimit() throws {
        let service = try CatalogFixture.service("Temperature")
        let first = try service.query(parameters(["resultRecordCount": "1", "outFields": "*"]))
        #expect(first[member: "features"]?.array?.count == 1)
        #expect(first[member: "features"]?[0]?[member: "attributes"]?[member: "Name"] == "July")
        #expect(first[member: "exceededTransferLimit"] == true)
        let second = try service.query(parameters(["resultOffset": "1", "resultRecordCount": "1"]))
        #expect(second[member: "features"]?[0]?[member: "attributes"]?[member: "Name"] == "December")
        #expect(second[member: "exceededTransferLimit"] == false)
        let sorted = try service.query(parameters(["orderByFields": "AcquisitionDate DESC", "returnGeometry": "false"]))
        #expect(sorted[member: "features"]?.array?.compactMap { $0[member: "attributes"]?[member: "Name"]?.string } == ["December", "July"])
    }

    @Test func timeGeometryAndOutSR() throws {
        let temperature = try CatalogFixture.service("Temperature")
        #expect(try temperature.query(parameters(["time": "1102000000000", "returnIdsOnly": "true"]))[member: "objectIds"] == [2])
        #expect(try temperature.query(parameters(["time": "null,1090000000000", "returnIdsOnly": "true"]))[member: "objectIds"] == [1])
        let shading = try CatalogFixture.service("ElevationShading")
        let east = try shading.query(parameters(["geometry": #"{"xmin":10,"ymin":10,"xmax":20,"ymax":20,"spatialReference":{"wkid":4326}}"#,
                                                 "geometryType": "esriGeometryEnvelope", "returnIdsOnly": "true"]))
        #expect(east[member: "objectIds"] == [2])
        let elevation = try CatalogFixture.service("Elevation")
        let footprint = try elevation.query(parameters(["outSR": "4326", "outFields": "Name"]))
        #expect(footprint[member: "spatialReference"]?.stringified == #"{"wkid":4326,"latestWkid":4326}"#)
        let corner = footprint[member: "features"]?[0]?[member: "geometry"]?[member: "rings"]?[0]?[0]
        #expect(corner?[0]?.number.map { abs($0 - 8.983152841195214) < 1e-9 } == true)
        #expect(footprint[member: "features"]?[0]?[member: "geometry"]?[member: "spatialReference"] == nil)
    }

    @Test func badWhereNamesTheField() throws {
        let service = try CatalogFixture.service("Temperature")
        #expect {
            try service.query(parameters(["where": "Colour = 'red'"]))
        } throws: { error in
            (error as? ArcGISError)?.details.first?.contains("unknown field 'Colour'; the fields are OBJECTID, Name, AcquisitionDate") == true
        }
        #expect {
            try service.query(parameters(["where": "Name = 'July"]))
        } throws: { error in
            (error as? ArcGISError)?.details.first == "where: 'Name = 'July' is not a supported where clause: a string is not closed with '"
        }
    }
}
