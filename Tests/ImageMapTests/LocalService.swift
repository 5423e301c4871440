import Foundation
import ImageMap
import ImageServiceClient
import LayerOptions
import LocalImageServer

/// The built-in catalog (examples/catalog, over Debian's marble-qt-data and generated
/// rasters) served over real HTTP on 127.0.0.1, for end-to-end tests.
enum LocalService {
    private static let catalog: Result<ImageServiceCatalog, any Error> = Result {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/catalog").standardizedFileURL.path
        return try ImageServiceCatalog(directory: folder)
    }

    /// Runs `body` with a running server and a client; stops and shuts both down after.
    static func run<Result>(tokens: TokenConfiguration? = nil, configuration: ImageServiceClient.Configuration = .init(),
                            _ body: (RunningImageServer, ImageServiceClient) async throws -> Result) async throws -> Result {
        let server = try await LocalImageServer.start(catalog: catalog.get(), tokens: tokens)
        let client = ImageServiceClient(configuration: configuration)
        do {
            let result = try await body(server, client)
            try await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }
}

extension RunningImageServer {
    /// A layer of the named service with `options` (JSON members, as in a map spec).
    func layer(_ service: String, _ members: JSONObject = [:], client: ImageServiceClient) throws -> ImageMapLayer {
        var object: JSONObject = ["url": .string(serviceURL(named: service))]
        for member in members.members { object[member.key] = member.value }
        return ImageMapLayer(options: try LayerOptions(json: .object(object)), client: client)
    }
}
