import LayerOptions
import Testing

@testable import LocalImageServer

/// The catalog, info and service root endpoints, unknown services, operations and paths.
@Suite struct HTTPCatalogTests {
    @Test func servicesListByGETAndPOST() async throws {
        try await TestServer.run { server in
            let expected: JSONValue = [
                "currentVersion": 11.1, "folders": [],
                "services": .array(TestCatalog.names.map { ["name": .string($0), "type": "ImageServer"] }),
            ]
            let get = try await server.get("/arcgis/rest/services?f=json")
            #expect(get.status == 200)
            #expect(get.header("Content-Type") == "application/json; charset=utf-8")
            #expect(get.json == expected)
            let post = try await server.post("/arcgis/rest/services", form: "f=json")
            #expect(post.json == expected)
            // No f: ArcGIS would answer HTML; this server answers JSON.
            let noFormat = try await server.get("/arcgis/rest/services")
            #expect(noFormat.json == expected)
        }
    }

    @Test func serviceRootWithAndWithoutTrailingSlash() async throws {
        try await TestServer.run { server in
            let base = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer"
            let plain = try await server.get(base + "?f=json")
            #expect(plain.status == 200)
            #expect(plain.json[member: "name"] != nil)
            #expect(envelope(plain.json) == nil)
            let slash = try await server.get(base + "/?f=json")
            #expect(slash.body == plain.body)
            let post = try await server.post(base + "/", form: "f=json")
            #expect(post.body == plain.body)
        }
    }

    @Test func pjsonIsIndentedJSONOfTheSameValue() async throws {
        try await TestServer.run { server in
            let base = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer"
            let compact = try await server.get(base + "?f=json")
            let pretty = try await server.get(base + "?f=pjson")
            #expect(pretty.json == compact.json)
            #expect(pretty.text.hasPrefix("{\n  \""))
            #expect(pretty.text != compact.text)
        }
    }

    @Test func jsonpWrapsTheAnswer() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/arcgis/rest/services?f=json&callback=L.esri._callback.c1")
            #expect(answer.header("Content-Type") == "application/javascript; charset=utf-8")
            let json = try await server.get("/arcgis/rest/services?f=json").text
            #expect(answer.text == "L.esri._callback.c1(\(json));")
            // Errors are wrapped too, so a JSONP client sees them.
            let error = try await server.get("/arcgis/rest/services/Nope/ImageServer?f=json&callback=cb")
            #expect(error.text.hasPrefix("cb({\"error\":"))
            // A callback that could inject script is refused, unwrapped.
            let bad = try await server.get("/arcgis/rest/services?f=json&callback=alert(1)//")
            #expect(bad.header("Content-Type") == "application/json; charset=utf-8")
            #expect(envelope(bad.json)?.message == "Invalid callback function name.")
        }
    }

    @Test func unknownServiceIsArcGIS404Envelope() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/arcgis/rest/services/Nope/ImageServer?f=json")
            #expect(answer.status == 200)
            #expect(answer.text == #"{"error":{"code":404,"message":"Service Nope/ImageServer not found ","details":[]}}"#)
            let operation = try await server.get("/arcgis/rest/services/Nope/ImageServer/exportImage?f=json&bbox=0,0,1,1")
            #expect(envelope(operation.json)?.message == "Service Nope/ImageServer not found ")
            let mapServer = try await server.get("/arcgis/rest/services/\(TestCatalog.service)/MapServer?f=json")
            #expect(envelope(mapServer.json)?.message == "Service \(TestCatalog.service)/MapServer not found ")
            let folder = try await server.get("/arcgis/rest/services/Folder/\(TestCatalog.service)/ImageServer?f=json")
            #expect(envelope(folder.json)?.code == 404)
        }
    }

    @Test func unknownOperationIs400Envelope() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/arcgis/rest/services/\(TestCatalog.service)/ImageServer/computeHistograms?f=json")
            #expect(answer.status == 200)
            let error = try #require(envelope(answer.json))
            #expect(error.code == 400)
            #expect(error.details.first?.contains("'computeHistograms' is not an operation") == true)
        }
    }

    @Test func pathsAndOperationsAreCaseInsensitive() async throws {
        try await TestServer.run { server in
            let answer = try await server.get(
                "/ArcGIS/REST/services/\(TestCatalog.service)/imageserver/EXPORTIMAGE?\(TestCatalog.exportQuery)&f=image")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type")?.hasPrefix("image/") == true)
            let lower = try await server.get("/arcgis/rest/services/\(TestCatalog.service.lowercased())/ImageServer?f=json")
            #expect(envelope(lower.json) == nil)
        }
    }

    @Test func unknownPathIsHTTP404Envelope() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/nothing/here")
            #expect(answer.status == 404)
            #expect(envelope(answer.json)?.message == "Not found: /nothing/here")
            #expect(answer.header("Access-Control-Allow-Origin") == "*")
        }
    }

    @Test func unsupportedFormatIsRefused() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/arcgis/rest/services/\(TestCatalog.service)/ImageServer?f=kmz")
            #expect(envelope(answer.json)?.details == ["f=kmz is not supported for the service root; use f=json or f=pjson."])
        }
    }

    @Test func infoSaysWhetherTokensAreNeeded() async throws {
        try await TestServer.run { server in
            let answer = try await server.get("/arcgis/rest/info?f=json")
            #expect(answer.json == ["currentVersion": 11.1, "fullVersion": "11.1.0", "authInfo": ["isTokenBasedSecurity": false]])
        }
    }

    @Test func identifyAndQueryAnswerJSON() async throws {
        try await TestServer.run { server in
            let base = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer"
            let identify = try await server.get(base + "/identify?\(TestCatalog.identifyQuery)&f=json")
            #expect(identify.status == 200)
            #expect(envelope(identify.json) == nil)
            #expect(identify.json[member: "value"] != nil)
            let identifyPost = try await server.post(base + "/identify", form: TestCatalog.identifyQuery + "&f=json")
            #expect(identifyPost.body == identify.body)
            let query = try await server.post(base + "/query", form: TestCatalog.queryQuery + "&f=json")
            #expect(envelope(query.json) == nil)
            #expect(query.json[member: "features"] != nil)
        }
    }
}
