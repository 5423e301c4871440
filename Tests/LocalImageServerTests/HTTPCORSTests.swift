import Testing

@testable import LocalImageServer

/// CORS headers on every kind of answer, and the preflight.
@Suite struct HTTPCORSTests {
    static let origin = "http://localhost:5173"

    @Test func originIsEchoedWithCredentialsOnJSONImagesAndErrors() async throws {
        try await TestServer.run { server in
            let base = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer"
            let paths = [
                "/arcgis/rest/services?f=json",
                base + "/exportImage?\(TestCatalog.exportQuery)&f=image",
                base + "/exportImage?bbox=x&f=image",
                "/arcgis/rest/services/Nope/ImageServer?f=json",
                "/not/a/route",
            ]
            for path in paths {
                let answer = try await server.get(path, headers: [("Origin", Self.origin)])
                #expect(answer.header("Access-Control-Allow-Origin") == Self.origin, "\(path)")
                #expect(answer.header("Access-Control-Allow-Credentials") == "true", "\(path)")
                #expect(answer.header("Vary") == "Origin", "\(path)")
                let anonymous = try await server.get(path)
                #expect(anonymous.header("Access-Control-Allow-Origin") == "*", "\(path)")
                #expect(anonymous.header("Access-Control-Allow-Credentials") == nil, "\(path)")
            }
            let post = try await server.post(base + "/exportImage", form: TestCatalog.exportQuery + "&f=json", headers: [("Origin", Self.origin)])
            #expect(post.header("Access-Control-Allow-Origin") == Self.origin)
        }
    }

    @Test func preflightAllowsTheMethodsAndTokenHeaders() async throws {
        try await TestServer.run(tokens: HTTPTokenTests.configuration) { server in
            let answer = try await server.send(
                method: "OPTIONS", path: "/arcgis/rest/services/\(TestCatalog.service)/ImageServer/exportImage",
                headers: [
                    ("Origin", Self.origin), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type,x-esri-authorization"),
                ], body: nil)
            #expect(answer.status == 204)
            #expect(answer.body.isEmpty)
            #expect(answer.header("Access-Control-Allow-Origin") == Self.origin)
            #expect(answer.header("Access-Control-Allow-Credentials") == "true")
            #expect(answer.header("Access-Control-Allow-Methods") == "GET, POST, OPTIONS")
            #expect(answer.header("Access-Control-Allow-Headers") == "Content-Type, X-Esri-Authorization, Authorization, X-Requested-With")
            #expect(answer.header("Access-Control-Max-Age") == "86400")
            let anywhere = try await server.send(method: "OPTIONS", path: "/anything", headers: [], body: nil)
            #expect(anywhere.status == 204)
            #expect(anywhere.header("Access-Control-Allow-Origin") == "*")
        }
    }
}
