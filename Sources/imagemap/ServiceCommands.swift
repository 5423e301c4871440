import ArgumentParser
import Foundation
import ImageMap
import ImageServiceClient
import LayerOptions

/// `imagemap identify SPEC --at LAT,LNG`: each layer's pixel at a point, as Esri Leaflet's
/// IdentifyImage shapes it (with the layer's mosaicRule, as its popup sends it).
struct IdentifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify the pixel of each layer of a map spec at a point.",
        discussion: "Prints {\"layers\": [{\"url\": …, \"result\": GEOJSON} | {\"url\": …, \"error\": …}]}."
    )

    @Argument(help: "The map spec (JSON), or - for standard input.")
    var spec: String

    @Option(help: "The point, as LAT,LNG in degrees.")
    var at: String

    @Option(help: "The catalog folder of the local Image Service used for {local}.")
    var catalog: String?

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            let parts = at.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1], (-90...90).contains(latitude) else {
                throw BadInput("--at \(at): give the point as LAT,LNG in degrees, e.g. --at 37.75,-122.45")
            }
            let text = try SpecFile.text(spec)
            try await LocalCatalog.withLocalServices(in: text, catalog: catalog) { text in
                let mapSpec = try SpecFile.parse(text, name: SpecFile.displayName(spec))
                try await ServiceSession.run { client in
                    var layers: [JSONValue] = []
                    for options in mapSpec.layers {
                        let layer = ImageMapLayer(options: options, client: client)
                        do {
                            let result = try await layer.identify(at: LatLng(latitude: latitude, longitude: longitude))
                            layers.append(["url": .string(options.url), "result": result.geoJSON])
                        } catch {
                            layers.append(["url": .string(options.url), "error": .string("\(error)")])
                        }
                    }
                    print(JSONValue.object(["layers": .array(layers)]).stringified)
                }
            }
        }
    }
}

/// `imagemap metadata URL`: an Image Service's root JSON.
struct MetadataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata", abstract: "Print an Image Service's metadata (its …/ImageServer/?f=json).")

    @OptionGroup var service: ServiceArguments

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            try await service.withLayer { layer in print(try await layer.metadata().stringified) }
        }
    }
}

/// `imagemap query URL --where …`: the catalog items of an Image Service.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Query an Image Service's raster catalog; prints the service's JSON answer.")

    @OptionGroup var service: ServiceArguments

    @Option(help: "The SQL filter on catalog fields.")
    var `where` = "1=1"

    @Option(help: "Comma-separated fields to return (default all).")
    var fields: String?

    @Option(help: "At most this many items.")
    var limit: Int?

    @Flag(help: "Print only the number of matching items.")
    var count = false

    @Flag(help: "Print only the matching object ids.")
    var ids = false

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            guard !(count && ids) else { throw BadInput("--count and --ids: choose one") }
            if let limit, limit < 1 { throw BadInput("--limit \(limit): give a positive number of items") }
            try await service.withLayer { layer in
                var query = layer.query().where(self.where)
                if let fields { query = query.fields(fields.split(separator: ",").map { String($0) }) }
                if let limit { query = query.limit(limit) }
                if count {
                    print(try await query.count())
                } else if ids {
                    print(JSONValue.array(try await query.ids().map { .number(Double($0)) }).stringified)
                } else {
                    print(try await query.run().response.stringified)
                }
            }
        }
    }
}

/// The service a command talks to: its URL, a token, and the catalog behind `{local}`.
struct ServiceArguments: ParsableArguments {
    @Argument(help: "The ImageServer URL ({local}/Name/ImageServer for the local Image Service).")
    var url: String

    @Option(help: "A token for a secured service.")
    var token: String?

    @Option(help: "The catalog folder of the local Image Service used for {local}.")
    var catalog: String?

    /// Runs `body` with a layer of the service, starting the local Image Service for
    /// `{local}`; a refused URL or token is bad input.
    func withLayer(_ body: (ImageMapLayer) async throws -> Void) async throws {
        try await LocalCatalog.withLocalServices(in: url, catalog: catalog) { url in
            var options: LayerOptions
            do {
                options = try LayerOptions(url: url)
                if let token { try options.setToken(token) }
            } catch {
                throw BadInput("\(error)")
            }
            try await ServiceSession.run { client in try await body(ImageMapLayer(options: options, client: client)) }
        }
    }
}

/// A client for one command, shut down however the command ends.
enum ServiceSession {
    static func run(_ body: (ImageServiceClient) async throws -> Void) async throws {
        let client = ImageServiceClient()
        do {
            try await body(client)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
