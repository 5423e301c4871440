import Foundation
@testable import ImageServiceClient
import LayerOptions
import RequestPlanning
import Testing

@Suite("ImageServiceClient over loopback HTTP", .serialized)
struct ImageServiceClientTests {
    // MARK: On the wire

    @Test("metadata is a GET of …/ImageServer/?f=json with the User-Agent")
    func metadataGet() async throws {
        let server = try await ScriptedServer.start { _, _ in .json(#"{"name":"Test","bandCount":3}"#) }
        let value = try await withClient(testConfiguration(), server: server) { client in
            try await client.metadata(try layer(server))
        }
        #expect(value == ["name": "Test", "bandCount": 3])
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.uri == "/arcgis/rest/services/Test/ImageServer/?f=json")
        #expect(request.headers["user-agent"] == "ImageMap/0.1.0 (+Swift)")
        #expect(request.headers["content-type"] == nil)
        #expect(request.body == "")
    }

    @Test("identify past 2000 characters is the planner's POST: form content type, body bytes")
    func identifyPost() async throws {
        let server = try await ScriptedServer.start { _, _ in .json(#"{"value":"12"}"#) }
        let options = try layer(server)
        var task = IdentifyImageTask(options: options)
        task.at(LatLng(latitude: 45.51, longitude: -122.66))
        task.setMosaicRule(["mosaicMethod": "esriMosaicLockRaster", "lockRasterIds": .array((1...400).map { .number(Double($0)) })])
        var names = JSONPCallbackNames()
        let planned = task.request(callbacks: &names)
        #expect(planned.method == .post)
        let value = try await withClient(testConfiguration(), server: server) { client in try await client.identify(task) }
        #expect(value == ["value": "12"])
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.uri == "/arcgis/rest/services/Test/ImageServer/identify")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded; charset=UTF-8")
        #expect(request.body == planned.body)
        #expect(request.body.hasPrefix("returnGeometry=false&geometry=%7B%22x%22%3A-122.66%2C%22y%22%3A45.51"))
        #expect(request.body.hasSuffix("&f=json"))
    }

    @Test("an f=image export past 2000 characters is posted: to the URL without query, behind the proxy too")
    func longImageExportPosted() async throws {
        let server = try await ScriptedServer.start { _, _ in .png() }
        var direct = try layer(server)
        direct.renderingRule = ["rasterFunction": "Stretch", "rasterFunctionArguments": ["Note": .string(String(repeating: "x", count: 2100))]]
        var proxied = direct
        try proxied.setProxy(server.origin + "/proxy")
        var short = try layer(server)
        short.renderingRule = ["rasterFunction": "Hillshade"]
        var names = JSONPCallbackNames()
        let plannedDirect = try #require(ExportImageRequest.request(for: direct, view: testView, callbacks: &names))
        let plannedProxied = try #require(ExportImageRequest.request(for: proxied, view: testView, callbacks: &names))
        let plannedShort = try #require(ExportImageRequest.request(for: short, view: testView, callbacks: &names))
        #expect(plannedDirect.method == .get && plannedDirect.url.utf16.count > 2000)
        #expect(plannedProxied.url == server.origin + "/proxy?" + plannedDirect.url)

        let images = try await withClient(testConfiguration(), server: server) { client in
            [try await client.exportImage(direct, view: testView), try await client.exportImage(proxied, view: testView),
             try await client.exportImage(short, view: testView)]
        }
        #expect(images.map { $0?.format } == [.png, .png, .png])
        let requests = server.requests
        try #require(requests.count == 3)
        let query = String(plannedDirect.url.split(separator: "?", maxSplits: 1)[1])
        #expect(query.hasSuffix("&f=image"))
        #expect(requests[0].method == "POST")
        #expect(requests[0].uri == "/arcgis/rest/services/Test/ImageServer/exportImage")
        #expect(requests[0].headers["content-type"] == "application/x-www-form-urlencoded; charset=UTF-8")
        #expect(requests[0].body == query)
        #expect(requests[1].method == "POST")
        #expect(requests[1].uri == "/proxy?" + server.serviceURL + "/exportImage")
        #expect(requests[1].body == query)
        #expect(requests[2].method == "GET")
        #expect(server.origin + requests[2].uri == plannedShort.url)
        #expect(requests[2].body == "")
    }

    @Test("f=json: the href is fetched with ?token= and the proxy prefix; URLs surface redacted")
    func exportJSONFlow() async throws {
        let port = PortBox()
        let server = try await ScriptedServer.start { request, _ in
            let origin = "http://127.0.0.1:\(port.value)"
            if request.uri.hasPrefix("/proxy?" + origin + "/arcgis/rest/services/Test/ImageServer/exportImage?") {
                return .json(#"{"href":"\#(origin)/output/_ags_1.png","width":256,"height":256,"scale":0}"#)
            }
            if request.uri == "/proxy?" + origin + "/output/_ags_1.png?token=secret" { return .png() }
            return .json(#"{"error":{"code":404,"message":"not found","details":[]}}"#, status: 404)
        }
        port.value = server.port
        let options = try layer(server, token: "secret", proxy: server.origin + "/proxy", f: .json)
        let image = try await withClient(testConfiguration(), server: server) { client in
            try await client.exportImage(options, view: testView)
        }
        let exported = try #require(image)
        #expect(exported.bytes == TestImages.png)
        #expect(exported.format == .png)
        #expect(exported.contentType == "image/png")
        #expect(exported.url == server.origin + "/proxy?" + server.origin + "/output/_ags_1.png?token=<redacted>")
        #expect(exported.exportResponse == ["href": .string(server.origin + "/output/_ags_1.png"), "width": 256, "height": 256, "scale": 0])
        #expect(exported.fromCache == false)
        var names = JSONPCallbackNames()
        let planned = try #require(ExportImageRequest.request(for: options, view: testView, callbacks: &names))
        #expect(server.requests.map(\.method) == ["GET", "GET"])
        #expect(server.requests.map { server.origin + $0.uri } == [
            planned.url, server.origin + "/proxy?" + server.origin + "/output/_ags_1.png?token=secret",
        ])
        #expect(planned.url.contains("&token=secret&f=json"))
    }

    @Test("export tiles planned by ExportTiling, re-planned with the token after a 499")
    func tiledExport() async throws {
        let log = EventLog { event in
            if case .authenticationRequired(let authenticate) = event { authenticate("t") }
        }
        let server = try await ScriptedServer.start { request, _ in
            request.uri.contains("&token=t&") ? .png() : .json(#"{"error":{"code":499,"message":"Token Required","details":[]}}"#)
        }
        let options = try layer(server)
        let plan: @Sendable (Int) -> @Sendable (LayerOptions, inout JSONPCallbackNames) -> PlannedRequest? = { index in
            { options, callbacks in
                ExportTiling.tiles(for: options, view: testView, scale: 2, maximumImageWidth: 300, callbacks: &callbacks)
                    .dropFirst(index).first?.request
            }
        }
        let images = try await withClient(testConfiguration(log), server: server) { client in
            [try await client.exportImage(options, planned: plan(0)), try await client.exportImage(options, planned: plan(1)),
             try await client.exportImage(options, planned: plan(2))]
        }
        #expect(images.map { $0?.format } == [.png, .png, nil])
        var authenticated = options
        try authenticated.setToken("t")
        var names = JSONPCallbackNames()
        let tiles = ExportTiling.tiles(for: authenticated, view: testView, scale: 2, maximumImageWidth: 300, callbacks: &names)
        #expect(tiles.count == 2)
        #expect(server.requests.count == 3)
        #expect(server.requests.dropFirst().map { server.origin + $0.uri } == tiles.map(\.request.url))
        let start = try #require(log.all.first)
        guard case .requestStart(let url, let params, let method) = start else {
            Issue.record("expected requeststart first")
            return
        }
        #expect(url == server.serviceURL + "/exportImage")
        #expect(method == "get")
        #expect(params.keys == ["bbox", "size", "format", "transparent", "bboxSR", "imageSR", "f"])
        #expect(params["size"] == "256,512")
        #expect(params["f"] == "image")
    }

    // MARK: Bodies

    @Test("a JSON error under HTTP 200 where an image was expected is that error")
    func jsonErrorInsteadOfImage() async throws {
        let server = try await ScriptedServer.start { _, _ in
            var response = ScriptedServer.Response.json(
                #"{"error":{"code":400,"message":"Unable to complete operation.","details":["The requested image exceeds the size limit."]}}"#)
            response.headers = [("Content-Type", "text/plain;charset=utf-8")]
            return response
        }
        let options = try layer(server, token: "secret")
        var names = JSONPCallbackNames()
        let planned = try #require(ExportImageRequest.request(for: options, view: testView, callbacks: &names))
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(testConfiguration(), server: server) { client in try await client.exportImage(options, view: testView) }
        }
        let redacted = planned.url.replacingOccurrences(of: "token=secret", with: "token=<redacted>")
        #expect(error == .service(url: redacted, code: 400, message: "Unable to complete operation.",
                                  details: ["The requested image exceeds the size limit."]))
        #expect(error?.description == "the Image Service at \(redacted) answered with error 400: Unable to complete operation. "
            + "(The requested image exceeds the size limit.); check the request's parameters (rendering rule, mosaic rule, bandIds, size)")
        #expect(error?.description.contains("secret") == false)
    }

    @Test("an HTML page where an image was expected says what came back")
    func htmlInsteadOfImage() async throws {
        let server = try await ScriptedServer.start { _, _ in
            ScriptedServer.Response(headers: [("Content-Type", "text/html")], body: Array("<html><body>Sign in</body></html>".utf8))
        }
        let options = try layer(server)
        var names = JSONPCallbackNames()
        let planned = try #require(ExportImageRequest.request(for: options, view: testView, callbacks: &names))
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(testConfiguration(), server: server) { client in try await client.exportImage(options, view: testView) }
        }
        #expect(error == .unexpectedBody(url: planned.url, expected: "a PNG or JPEG image", contentType: "text/html",
                                         bodyPreview: "<html><body>Sign in</body></html>"))
        #expect(error?.description.hasPrefix("\(planned.url) was expected to return a PNG or JPEG image but returned content type "
            + "text/html starting with \"<html><body>Sign in</body></html>\"") == true)
    }

    @Test("a JPEG is recognised by its bytes, whatever the content type")
    func jpegSniffed() async throws {
        let server = try await ScriptedServer.start { _, _ in
            ScriptedServer.Response(headers: [("Content-Type", "application/octet-stream")], body: TestImages.jpeg)
        }
        let image = try await withClient(testConfiguration(), server: server) { client in
            try await client.exportImage(try layer(server), view: testView)
        }
        #expect(image?.format == .jpeg)
        #expect(image?.bytes == TestImages.jpeg)
    }

    // MARK: Authentication

    @Test("499, then authenticate(\"t\") replays the failed request and the one queued meanwhile")
    func authenticateReplaysQueue() async throws {
        let (authentications, continuation) = AsyncStream<@Sendable (String) -> Void>.makeStream()
        let log = EventLog { event in
            if case .authenticationRequired(let authenticate) = event { continuation.yield(authenticate) }
        }
        let server = try await ScriptedServer.start { request, _ in
            request.uri.contains("token=t&") ? .json(#"{"ok":true}"#) : .json(#"{"error":{"code":499,"message":"Token Required","details":[]}}"#)
        }
        let options = try layer(server)
        let client = ImageServiceClient(configuration: testConfiguration(log))
        let first = Task { try await client.metadata(options) }
        var iterator = authentications.makeAsyncIterator()
        let authenticate = try #require(await iterator.next())
        let second = Task { try await client.query(QueryTask(options: options)) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.requests.count == 1) // the query waits in the queue
        authenticate("t")
        #expect(try await first.value == ["ok": true])
        #expect(try await second.value == ["ok": true])
        try await client.shutdown()
        await server.stop()

        var authenticated = options
        try authenticated.setToken("t")
        var names = JSONPCallbackNames()
        let query = QueryTask(options: authenticated).request(callbacks: &names)
        #expect(server.requests.map(\.uri).sorted() == [
            "/arcgis/rest/services/Test/ImageServer/?f=json",
            "/arcgis/rest/services/Test/ImageServer/?token=t&f=json",
            String(query.url.dropFirst(server.origin.count)),
        ].sorted())
        #expect(query.url.hasSuffix("/query?returnGeometry=true&where=1%3D1&outSR=4326&outFields=*&token=t&f=json"))

        let metadataURL = server.serviceURL + "/"
        let lines = log.lines.filter { $0 == "authenticationrequired" || $0.contains(" \(metadataURL) ") }
        #expect(lines == [
            "requeststart get \(metadataURL) {\"f\":\"json\"}",
            "authenticationrequired",
            "requesterror get \(metadataURL) {\"f\":\"json\"} 499 Token Required",
            "requestend get \(metadataURL) {\"f\":\"json\"}",
            "requeststart get \(metadataURL) {\"token\":\"<redacted>\",\"f\":\"json\"}",
            "requestsuccess get \(metadataURL) {\"token\":\"<redacted>\",\"f\":\"json\"} {\"ok\":true}",
            "requestend get \(metadataURL) {\"token\":\"<redacted>\",\"f\":\"json\"}",
        ])
        let queryURL = server.serviceURL + "/query"
        #expect(log.names.filter { $0 != "authenticationrequired" }.count == 10)
        #expect(log.lines.filter { $0.contains(" \(queryURL) ") }.map { String($0.prefix { $0 != " " }) }
            == ["requeststart", "requeststart", "requestsuccess", "requestend"])
        #expect(!log.lines.joined().contains("token\":\"t\""))
    }

    @Test("498 with a token provider: renewed once, later requests use the new token")
    func providerRenews() async throws {
        let calls = Counter()
        var configuration = testConfiguration()
        configuration.tokenProvider = { service in
            calls.increment()
            return service.hasSuffix("/Test/ImageServer/") ? "new" : "wrong"
        }
        let server = try await ScriptedServer.start { request, _ in
            request.uri.contains("token=new&") ? .json(#"{"ok":true}"#) : .json(#"{"error":{"code":498,"message":"Invalid token.","details":[]}}"#)
        }
        let options = try layer(server, token: "old")
        let values = try await withClient(configuration, server: server) { client in
            [try await client.metadata(options), try await client.metadata(options)]
        }
        #expect(values == [["ok": true], ["ok": true]])
        #expect(calls.count == 1)
        #expect(server.requests.map(\.uri) == [
            "/arcgis/rest/services/Test/ImageServer/?token=old&f=json",
            "/arcgis/rest/services/Test/ImageServer/?token=new&f=json",
            "/arcgis/rest/services/Test/ImageServer/?token=new&f=json",
        ])
    }

    @Test("a provider that fails, or a renewed token refused again, is a clear authentication error")
    func providerFailures() async throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "the portal refused the login" } }
        var failing = testConfiguration()
        failing.tokenProvider = { _ in throw Refused() }
        let server = try await ScriptedServer.start { _, _ in .json(#"{"error":{"code":499,"message":"Token Required","details":[]}}"#) }
        let options = try layer(server)
        let service = server.serviceURL + "/"
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(failing, server: server) { client in try await client.metadata(options) }
        }
        #expect(error == .authenticationFailed(url: service, code: 499, reason: "the token provider failed: the portal refused the login"))

        var renewing = testConfiguration()
        renewing.tokenProvider = { _ in "N3W-T0KEN" }
        let refusing = try await ScriptedServer.start { _, _ in .json(#"{"error":{"code":498,"message":"Invalid token.","details":[]}}"#) }
        let refused = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(renewing, server: refusing) { client in try await client.metadata(try layer(refusing, token: "old")) }
        }
        #expect(refused == .authenticationFailed(url: refusing.serviceURL + "/", code: 498,
                                                 reason: "the service refused the renewed token too (Invalid token.)"))
        #expect(refusing.requests.map(\.uri) == [
            "/arcgis/rest/services/Test/ImageServer/?token=old&f=json", "/arcgis/rest/services/Test/ImageServer/?token=N3W-T0KEN&f=json",
        ])
        #expect(refused?.description.contains("N3W-T0KEN") == false)
    }

    @Test("with no provider and no event handler, 499 fails at once")
    func nobodyToAuthenticate() async throws {
        let server = try await ScriptedServer.start { _, _ in .json(#"{"error":{"code":499,"message":"Token Required","details":[]}}"#) }
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(testConfiguration(), server: server) { client in try await client.metadata(try layer(server)) }
        }
        #expect(error?.authenticationCode == nil)
        guard case .authenticationFailed(_, 499, let reason)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(reason == "the service requires a token (Token Required) and the client has no tokenProvider or eventHandler to get one")
    }

    // MARK: Timeouts, retries, limits

    @Test("a slow server times out with the URL and the timeout in the message")
    func timeout() async throws {
        let server = try await ScriptedServer.start { _, _ in
            var response = ScriptedServer.Response.json("{}")
            response.delay = .seconds(2)
            return response
        }
        var configuration = testConfiguration()
        configuration.timeout = .milliseconds(200)
        configuration.maximumAttempts = 1
        let start = ContinuousClock.now
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(configuration, server: server) { client in try await client.metadata(try layer(server, token: "secret")) }
        }
        #expect(elapsed(since: start) < .milliseconds(1500))
        let url = server.serviceURL + "/?token=<redacted>&f=json"
        #expect(error == .timedOut(url: url, timeout: .milliseconds(200)))
        #expect(error?.description == "\(url) did not answer within 200 ms; the service may be overloaded or the image too large: "
            + "raise the timeout (Configuration.timeout) or request a smaller image")
    }

    @Test("503 then 200 is retried; 503 every time gives up after the maximum attempts")
    func retries5xx() async throws {
        let server = try await ScriptedServer.start { _, index in
            index == 0 ? ScriptedServer.Response(status: 503, body: Array("busy".utf8)) : .json(#"{"ok":true}"#)
        }
        let value = try await withClient(testConfiguration(), server: server) { client in try await client.metadata(try layer(server)) }
        #expect(value == ["ok": true])
        #expect(server.requests.count == 2)

        let down = try await ScriptedServer.start { _, _ in
            ScriptedServer.Response(status: 503, headers: [("Content-Type", "text/plain")], body: Array("busy".utf8))
        }
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(testConfiguration(), server: down) { client in try await client.metadata(try layer(down)) }
        }
        #expect(error == .httpStatus(url: down.serviceURL + "/?f=json", status: 503, contentType: "text/plain", bodyPreview: "busy", attempts: 3))
        #expect(down.requests.count == 3)
    }

    @Test("429 waits for Retry-After; a Retry-After past the maximum delay fails at once")
    func retryAfter() async throws {
        let server = try await ScriptedServer.start { _, index in
            index == 0 ? ScriptedServer.Response(status: 429, headers: [("Retry-After", "1")]) : .json(#"{"ok":true}"#)
        }
        let start = ContinuousClock.now
        let value = try await withClient(testConfiguration(), server: server) { client in try await client.metadata(try layer(server)) }
        #expect(value == ["ok": true])
        #expect(elapsed(since: start) >= .seconds(1))
        #expect(server.requests.count == 2)

        let limited = try await ScriptedServer.start { _, _ in ScriptedServer.Response(status: 429, headers: [("Retry-After", "120")]) }
        let error = await #expect(throws: ImageServiceClientError.self) {
            try await withClient(testConfiguration(), server: limited) { client in try await client.metadata(try layer(limited)) }
        }
        #expect(error == .retryAfterTooLong(url: limited.serviceURL + "/?f=json", retryAfterSeconds: 120, maximumSeconds: 30))
        #expect(limited.requests.count == 1)
    }

    @Test("connection refused is retried, then a clear error")
    func connectionRefused() async throws {
        let closed = try await ScriptedServer.start { _, _ in .json("{}") }
        let options = try layer(closed)
        await closed.stop()
        let client = ImageServiceClient(configuration: testConfiguration())
        let error = await #expect(throws: ImageServiceClientError.self) { try await client.metadata(options) }
        try await client.shutdown()
        guard case .connectionFailed(let url, let attempts, _)? = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(url == closed.serviceURL + "/?f=json")
        #expect(attempts == 3)
        #expect(error?.description.hasPrefix("could not connect to \(url) (") == true)
        #expect(error?.description.lowercased().contains("refused") == true)
        #expect(error?.description.hasSuffix(") after 3 attempts; check that the host and port are right and the service is running") == true)
    }

    @Test("no more than the per-host limit in flight at the server")
    func perHostLimit() async throws {
        let server = try await ScriptedServer.start { _, _ in
            var response = ScriptedServer.Response.json(#"{"ok":true}"#)
            response.delay = .milliseconds(150)
            return response
        }
        var configuration = testConfiguration()
        configuration.maximumConcurrentRequestsPerHost = 2
        let options = try layer(server)
        let count = try await withClient(configuration, server: server) { client in
            try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for _ in 0..<6 { group.addTask { try await client.metadata(options) } }
                var count = 0
                for try await value in group where value == ["ok": true] { count += 1 }
                return count
            }
        }
        #expect(count == 6)
        #expect(server.requests.count == 6)
        #expect(server.maximumInFlight == 2)
    }

    @Test("cancelling the task stops waiting and cancels the request")
    func cancellation() async throws {
        let server = try await ScriptedServer.start { _, _ in
            var response = ScriptedServer.Response.json("{}")
            response.delay = .seconds(5)
            return response
        }
        let options = try layer(server)
        let client = ImageServiceClient(configuration: testConfiguration())
        let start = ContinuousClock.now
        let task = Task { try await client.metadata(options) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        #expect(elapsed(since: start) < .seconds(2))
        #expect(throws: ImageServiceClientError.cancelled(url: server.serviceURL + "/?f=json")) { try result.get() }
        #expect(server.requests.count == 1)
        try await client.shutdown()
        await server.stop()
    }

    @Test("a request cancelled while it waits for a per-host slot leaves at once and is never sent")
    func cancellationWhileQueued() async throws {
        let server = try await ScriptedServer.start { _, _ in
            var response = ScriptedServer.Response.json("{}")
            response.delay = .milliseconds(600)
            return response
        }
        var configuration = testConfiguration()
        configuration.maximumConcurrentRequestsPerHost = 1
        let options = try layer(server)
        let client = ImageServiceClient(configuration: configuration)
        let first = Task { try await client.metadata(options) }
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        let second = Task { try await client.query(QueryTask(options: options)) }
        try await Task.sleep(for: .milliseconds(50))
        second.cancel()
        let result = await second.result
        #expect(elapsed(since: start) < .milliseconds(400))
        #expect(throws: ImageServiceClientError.self) { try result.get() }
        #expect(try await first.value == [:])
        #expect(server.requests.count == 1)
        try await client.shutdown()
        await server.stop()
    }

    // MARK: Cache, events

    @Test("a cache hit avoids the network, and the token is not part of the key")
    func cacheIgnoresToken() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ScriptedServer.start { _, _ in .png() }
        var configuration = testConfiguration()
        configuration.cache = ImageServiceClient.CacheConfiguration(directory: directory, maximumBytes: 1 << 20, maximumAge: .seconds(60))
        let images = try await withClient(configuration, server: server) { client in
            [try await client.exportImage(try layer(server, token: "a"), view: testView),
             try await client.exportImage(try layer(server, token: "b"), view: testView)]
        }
        #expect(server.requests.count == 1)
        #expect(images.map { $0?.fromCache } == [false, true])
        #expect(images.map { $0?.bytes } == [TestImages.png, TestImages.png])
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1)
        #expect(files.allSatisfy { $0.hasSuffix(".entry") })
        let stored = try Data(contentsOf: directory.appendingPathComponent(files[0]))
        #expect(String(decoding: stored, as: UTF8.self).contains("token") == false)
    }

    @Test("events: requeststart, requestsuccess, requestend with Esri Leaflet's payloads, tokens redacted")
    func eventsPayloads() async throws {
        let log = EventLog()
        let server = try await ScriptedServer.start { request, _ in
            request.uri.contains("/identify") ? .json(#"{"error":{"code":400,"message":"Invalid geometry.","details":[]}}"#)
                : .json(#"{"name":"Test"}"#)
        }
        let options = try layer(server, token: "secret")
        var task = IdentifyImageTask(options: options)
        task.at(LatLng(latitude: 1, longitude: 2))
        let identify = task
        _ = try await withClient(testConfiguration(log), server: server) { client in
            _ = try await client.metadata(options)
            _ = try? await client.identify(identify)
        }
        let service = server.serviceURL + "/"
        let identifyParams = #"{"returnGeometry":false,"geometry":"{\"x\":2,\"y\":1,\"spatialReference\":{\"wkid\":4326}}","#
            + #""geometryType":"esriGeometryPoint","token":"<redacted>","f":"json"}"#
        #expect(log.lines == [
            "requeststart get \(service) {\"token\":\"<redacted>\",\"f\":\"json\"}",
            "requestsuccess get \(service) {\"token\":\"<redacted>\",\"f\":\"json\"} {\"name\":\"Test\"}",
            "requestend get \(service) {\"token\":\"<redacted>\",\"f\":\"json\"}",
            "requeststart request \(service)identify \(identifyParams)",
            "requesterror request \(service)identify \(identifyParams) 400 Invalid geometry.",
            "requestend request \(service)identify \(identifyParams)",
        ])
        #expect(!log.lines.joined().contains("secret"))
    }
}

/// The server's port, known only once it listens (its script reads it).
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
