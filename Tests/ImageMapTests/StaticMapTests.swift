import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import ImageMap
import ImageServiceClient
import LayerOptions
import LocalImageServer
import PixelPipeline
import RequestPlanning

/// End to end over real HTTP: the local Image Service, the client, the pixel pipeline.
@Suite struct StaticMapTests {
    static let europe = MapSpec.Viewport.center(LatLng(latitude: 48, longitude: 10), zoom: 3)

    static func render(_ layers: [ImageMapLayer], viewport: MapSpec.Viewport = europe, size: Int = 128,
                       configure: (inout StaticMap) -> Void = { _ in }) async throws -> (RenderedMap, Raster) {
        var map = StaticMap(width: size, height: size, viewport: viewport, layers: layers)
        map.output = .png()
        configure(&map)
        let rendered = try await map.render()
        return (rendered, try ImageDecoder.decode(rendered.bytes))
    }

    @Test func aLayerAtHalfOpacityBlendsOverTheLayerBelowAsABrowserWould() async throws {
        try await LocalService.run { server, client in
            let (_, imagery) = try await Self.render([try server.layer("WorldImagery", client: client)])
            let (_, lights) = try await Self.render([try server.layer("NightLights", client: client)])
            let (rendered, both) = try await Self.render([
                try server.layer("WorldImagery", client: client), try server.layer("NightLights", ["opacity": 0.5], client: client),
            ])
            #expect(rendered.layers.map(\.status) == [.drawn, .drawn])
            var largest = 0
            for index in stride(from: 0, to: both.pixels.count, by: 4) {
                for channel in 0..<3 {
                    let expected = (Double(imagery.pixels[index + channel]) + Double(lights.pixels[index + channel])) / 2
                    largest = max(largest, Int((Double(both.pixels[index + channel]) - expected).magnitude.rounded(.up)))
                }
                #expect(both.pixels[index + 3] == 255)
            }
            #expect(largest <= 1)
        }
    }

    @Test func aLayerBroughtToTheBackIsHiddenUnderAnOpaqueOne() async throws {
        try await LocalService.run { server, client in
            let (_, imagery) = try await Self.render([try server.layer("WorldImagery", client: client)])
            let lights = try server.layer("NightLights", client: client)
            lights.bringToBack()
            let (_, stacked) = try await Self.render([try server.layer("WorldImagery", client: client), lights])
            #expect(stacked == imagery)
            lights.bringToFront()
            let (rendered, front) = try await Self.render([try server.layer("WorldImagery", client: client), lights])
            #expect(front != imagery)
            #expect(rendered.layers[1].status == .reused)
            #expect(rendered.layers[1].attribution == "NASA Earth Observatory city lights (public domain), via Debian's marble-qt-data")
        }
    }

    @Test func paneZIndexOutranksInsertionOrder() async throws {
        try await LocalService.run { server, client in
            let (_, lightsAlone) = try await Self.render([try server.layer("NightLights", client: client)])
            let (_, stacked) = try await Self.render(
                [try server.layer("NightLights", ["pane": "top"], client: client), try server.layer("WorldImagery", client: client)]
            ) { map in map.panes = [MapPane(name: "top", zIndex: 650)] }
            #expect(stacked == lightsAlone)
        }
    }

    @Test func bandIdsReorderTheBandsOfTheScene() async throws {
        try await LocalService.run { server, client in
            let scene = MapSpec.Viewport.bounds(west: 10.05, south: 45.05, east: 10.35, north: 45.25)
            let (_, natural) = try await Self.render([try server.layer("Scene", ["bandIds": [0, 1, 2], "format": "png"], client: client)], viewport: scene)
            let (_, swapped) = try await Self.render([try server.layer("Scene", ["bandIds": [2, 1, 0], "format": "png"], client: client)], viewport: scene)
            var compared = 0
            for index in stride(from: 0, to: natural.pixels.count, by: 4) where natural.pixels[index + 3] == 255 {
                #expect(swapped.pixels[index] == natural.pixels[index + 2] && swapped.pixels[index + 2] == natural.pixels[index])
                compared += 1
            }
            #expect(compared == natural.width * natural.height)
            #expect(natural != swapped)
        }
    }

    @Test func aLayerOutsideItsZoomRangeRequestsNothing() async throws {
        try await LocalService.run { server, client in
            let (rendered, picture) = try await Self.render([try server.layer("WorldImagery", ["minZoom": 4], client: client)])
            #expect(rendered.layers[0].status == .outsideZoomRange && rendered.layers[0].urls.isEmpty)
            #expect(picture.pixels.allSatisfy { $0 == 0 })
        }
    }

    @Test func aViewAcrossTheAntimeridianIsDrawnOnBothSides() async throws {
        try await LocalService.run { server, client in
            let pacific = MapSpec.Viewport.center(LatLng(latitude: 0, longitude: 180), zoom: 3)
            let (rendered, picture) = try await Self.render([try server.layer("WorldImagery", client: client)], viewport: pacific)
            #expect(rendered.layers[0].urls.count == 2)
            #expect(picture.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
        }
    }

    @Test func aScaleRendersMorePixelsOfTheSameExtent() async throws {
        try await LocalService.run { server, client in
            let (rendered, picture) = try await Self.render([try server.layer("WorldImagery", client: client)]) { $0.scale = 2 }
            #expect((rendered.width, rendered.height) == (256, 256) && (picture.width, picture.height) == (256, 256))
            #expect(rendered.layers[0].urls[0].contains("size=256%2C256"))
            await #expect(throws: RenderError.invalidScale(5)) {
                try await Self.render([try server.layer("WorldImagery", client: client)]) { $0.scale = 5 }
            }
        }
    }

    @Test func theServiceCopyrightGoesIntoThePNGAndTheReport() async throws {
        try await LocalService.run { server, client in
            let (rendered, _) = try await Self.render([try server.layer("WorldImagery", client: client)])
            let copyright = "NASA Blue Marble (public domain), via Debian's marble-qt-data"
            #expect(rendered.attribution == [copyright])
            #expect(rendered.layers[0].attribution == copyright)
            let text = Array("tEXtCopyright\u{0}\(copyright)".utf8)
            #expect(rendered.bytes.firstRange(of: text) != nil)
        }
    }

    @Test func aJSONErrorWhereAnImageWasExpectedFailsWithTheServersMessage() async throws {
        try await LocalService.run { server, client in
            let broken = try server.layer("WorldImagery", ["renderingRule": ["rasterFunction": "NoSuchFunction"]], client: client)
            do {
                _ = try await Self.render([try server.layer("NightLights", client: client), broken])
                Issue.record("the render should have failed")
            } catch let RenderError.layerFailed(index, service, reason) {
                #expect(index == 1 && service == server.serviceURL(named: "WorldImagery"))
                #expect(reason.contains("NoSuchFunction"))
            }
            let (rendered, _) = try await Self.render([try server.layer("NightLights", client: client), broken]) { $0.layerFailure = .omitLayer }
            #expect(rendered.layers.map(\.status) == [.drawn, .failed])
            #expect(rendered.layers[1].error?.contains("NoSuchFunction") == true)
        }
    }

    @Test func aTokenRequiredThenAuthenticateReplaysTheRequest() async throws {
        let users = TokenConfiguration(users: [.init(username: "ada", password: "lovelace")], tokenMinutes: 5)
        let token = TokenBox()
        var configuration = ImageServiceClient.Configuration()
        configuration.eventHandler = { event in
            if case .authenticationRequired(let authenticate) = event { token.waiting(authenticate) }
        }
        try await LocalService.run(tokens: users, configuration: configuration) { server, client in
            token.issue = { try await Self.generateToken(server: server, client: client) }
            let (rendered, picture) = try await Self.render([try server.layer("WorldImagery", client: client)])
            #expect(rendered.layers[0].status == .drawn)
            #expect(picture.pixels[3] == 255)
            let issued = try #require(token.issued, "the service asked for no token")
            #expect(issued.count == 64)
            #expect(rendered.layers[0].urls.allSatisfy { !$0.contains(issued) && $0.contains("token=<redacted>") })
        }
    }

    @Test func aStoppedServerFailsTheRenderWithTheURLAndWritesNothing() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-\(UUID().uuidString).png").path
        let (url, client) = try await LocalService.run { server, _ in (server.serviceURL(named: "WorldImagery"), ImageServiceClient()) }
        let map = StaticMap(width: 64, height: 64, viewport: Self.europe, layers: [try ImageMapLayer(url: url, client: client)])
        await #expect {
            try await map.render().write(to: output)
        } throws: { error in
            guard case RenderError.layerFailed(0, url, let reason) = error else { return false }
            return !reason.isEmpty
        }
        try await client.shutdown()
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A token from the server's generateToken (a form POST, as ArcGIS clients send it).
    static func generateToken(server: RunningImageServer, client: ImageServiceClient) async throws -> String {
        var request = HTTPClientRequest(url: server.generateTokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "username=ada&password=lovelace&f=json"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        guard case .object(let object) = try JSONParser.parse(Array(buffer: body)), case .string(let token)? = object["token"] else {
            throw TokenError()
        }
        return token
    }

    struct TokenError: Error {}
}

/// Answers `authenticationrequired` events with a token from `issue`.
final class TokenBox: @unchecked Sendable {
    private let lock = NSLock()
    var issue: (@Sendable () async throws -> String)? {
        get { lock.withLock { _issue } }
        set { lock.withLock { _issue = newValue } }
    }
    private var _issue: (@Sendable () async throws -> String)?
    private(set) var issued: String?

    func waiting(_ authenticate: @escaping @Sendable (String) -> Void) {
        Task {
            guard let issue, let token = try? await issue() else { return }
            lock.withLock { issued = token }
            authenticate(token)
        }
    }
}
