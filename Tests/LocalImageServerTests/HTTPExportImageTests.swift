import Foundation
import LayerOptions
import Testing

@testable import LocalImageServer

/// exportImage over HTTP: f=image and f=json with its href, GET and POST, parameter names
/// in any case, empty values, and bad input answered with a clear envelope while the server
/// keeps serving.
@Suite struct HTTPExportImageTests {
    static let path = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer/exportImage"
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test func imageByGETAndPOSTIsTheSameImage() async throws {
        try await TestServer.run { server in
            let get = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=image")
            #expect(get.status == 200)
            #expect(get.header("Content-Type") == "image/png")
            #expect(Array(get.body.prefix(8)) == Self.pngSignature)
            let post = try await server.post(Self.path, form: TestCatalog.exportQuery + "&f=image")
            #expect(post.header("Content-Type") == "image/png")
            #expect(post.body == get.body)
        }
    }

    @Test func parameterNamesAnyCaseAndEmptyValuesIgnored() async throws {
        try await TestServer.run { server in
            let reference = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=image")
            let upper = TestCatalog.exportQuery.replacingOccurrences(of: "bbox=", with: "BBOX=")
                .replacingOccurrences(of: "size=", with: "SIZE=")
            let shouting = try await server.get(Self.path + "?\(upper)&F=image")
            #expect(shouting.body == reference.body)
            // The HTML form sends every field, most of them empty.
            let form = TestCatalog.exportQuery
                + "&time=&mosaicRule=&renderingRule=&bandIds=&noData=&pixelType=&interpolation=+&compressionQuality=&f=image"
            let empty = try await server.post(Self.path, form: form)
            #expect(empty.body == reference.body)
        }
    }

    @Test func jsonGivesAnHrefThatServesTheImage() async throws {
        try await TestServer.run { server in
            let image = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=image")
            for f in ["json", "pjson", nil] as [String?] {
                let answer = try await server.get(Self.path + "?\(TestCatalog.exportQuery)" + (f.map { "&f=\($0)" } ?? ""))
                #expect(answer.status == 200)
                let json = answer.json
                #expect(json[member: "width"] == 64)
                #expect(json[member: "height"] == 32)
                #expect(json[member: "scale"] == 0)
                #expect(json[member: "extent"] != nil)
                guard case .string(let href)? = json[member: "href"] else {
                    Issue.record("no href in \(answer.text)")
                    return
                }
                let prefix = server.server.baseURL + "/arcgis/rest/directories/arcgisoutput/\(TestCatalog.service)_ImageServer/_ags_"
                #expect(href.hasPrefix(prefix))
                #expect(href.hasSuffix(".png"))
                let fetched = try await server.get(String(href.dropFirst(server.server.baseURL.count)))
                #expect(fetched.status == 200)
                #expect(fetched.header("Content-Type") == "image/png")
                #expect(fetched.body == image.body)
            }
            let post = try await server.post(Self.path, form: TestCatalog.exportQuery + "&f=json")
            #expect(post.json[member: "href"] != nil)
        }
    }

    @Test func hrefNamesTheServerAsTheClientAddressedIt() async throws {
        try await TestServer.run { server in
            let answer = try await server.get(
                Self.path + "?\(TestCatalog.exportQuery)&f=json", headers: [("Host", "localhost:\(server.server.port)")])
            guard case .string(let href)? = answer.json[member: "href"] else {
                Issue.record("no href: \(answer.text)")
                return
            }
            #expect(href.hasPrefix("http://localhost:\(server.server.port)/arcgis/rest/directories/arcgisoutput/"))
        }
    }

    @Test func outputFilesThatDoNotExistAre404() async throws {
        try await TestServer.run { server in
            let missing = try await server.get(
                "/arcgis/rest/directories/arcgisoutput/\(TestCatalog.service)_ImageServer/_ags_00000000-0000-0000-0000-000000000000.png")
            #expect(missing.status == 404)
            #expect(envelope(missing.json)?.code == 404)
            let traversal = try await server.get("/arcgis/rest/directories/arcgisoutput/..%2F..%2Fetc/passwd")
            #expect(traversal.status == 404)
        }
    }

    @Test func badInputIsAClearErrorAndTheServerKeepsServing() async throws {
        try await TestServer.run { server in
            let cases = [
                "bbox=a,b,c,d&size=64,32&f=image",
                "bbox=0,0,1&size=64,32&f=json",
                "bbox=-180,-90,180,90&bboxSR=4326&size=0,0&f=image",
                "bbox=-180,-90,180,90&bboxSR=4326&size=100000,100000&f=json",
                "bbox=-180,-90,180,90&bboxSR=4326&size=64,32&renderingRule={\"rasterFunction\":&f=image",
            ]
            for query in cases {
                let answer = try await server.get(Self.path + "?" + query)
                #expect(answer.status == 200, "\(query)")
                #expect(answer.header("Content-Type") == "application/json; charset=utf-8", "\(query)")
                let error = try #require(envelope(answer.json), "\(query): \(answer.text)")
                #expect(error.code == 400, "\(query)")
                #expect(!(error.message + error.details.joined()).isEmpty, "\(query)")
                // The next request is served.
                let next = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=image")
                #expect(next.status == 200)
                #expect(Array(next.body.prefix(8)) == Self.pngSignature)
            }
        }
    }

    @Test func unsupportedFormatsAndBodiesAreRefused() async throws {
        try await TestServer.run { server in
            let kmz = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=kmz")
            #expect(envelope(kmz.json)?.details == ["f=kmz is not supported for exportImage; use f=image, f=json or f=pjson."])
            let json = try await server.post(Self.path, form: "{\"bbox\":1}", contentType: "application/json")
            #expect(envelope(json.json)?.details.first?.contains("application/x-www-form-urlencoded") == true)
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await TestServer.run { server in
            let big = "renderingRule=" + String(repeating: "x", count: RequestParameterReader.maximumBodySize + 10)
            let answer = try await server.post(Self.path, form: big)
            #expect(answer.status == 413)
            #expect(envelope(answer.json)?.code == 413)
            let next = try await server.get(Self.path + "?\(TestCatalog.exportQuery)&f=image")
            #expect(next.status == 200)
        }
    }
}
