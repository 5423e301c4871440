import Foundation
import Hummingbird
import ServiceLifecycle

/// An ArcGIS-compatible Image Service over a catalog of local rasters, served over HTTP.
///
/// ```swift
/// let catalog = try ImageServiceCatalog(directory: "examples/catalog")
/// let server = try await LocalImageServer.start(catalog: catalog)   // 127.0.0.1, a free port
/// print(server.serviceURL(named: "BlueMarble"))   // http://127.0.0.1:53127/arcgis/rest/services/BlueMarble/ImageServer
/// // ... use it ...
/// await server.stop()
/// ```
///
/// The endpoints, their formats and errors are described in the README's "Local Image
/// Service" section and in ``ArcGISRoutes``.
public enum LocalImageServer {
    /// Starts serving `catalog` and returns once the server accepts connections.
    ///
    /// - Parameters:
    ///   - catalog: the services to serve.
    ///   - host: the address to bind, `127.0.0.1` unless told otherwise (`::1`, `0.0.0.0`, ...).
    ///   - port: the port; 0 picks a free one, which ``RunningImageServer/port`` then tells.
    ///   - tokens: when given, every services request needs a token from `generateToken`.
    ///   - requestLog: receives one line per request (method, path and query with tokens and
    ///     credentials redacted, status, milliseconds); `nil` logs nothing.
    /// - Throws: ``LocalImageServerError`` when the address cannot be bound or the output
    ///   directory cannot be created.
    public static func start(
        catalog: ImageServiceCatalog,
        host: String = "127.0.0.1",
        port: Int = 0,
        tokens: TokenConfiguration? = nil,
        requestLog: (@Sendable (String) -> Void)? = nil
    ) async throws(LocalImageServerError) -> RunningImageServer {
        guard (0...65535).contains(port) else {
            throw LocalImageServerError(host: host, port: port, reason: "the port must be from 0 to 65535")
        }
        let output: OutputDirectory
        do {
            output = try OutputDirectory()
        } catch {
            throw LocalImageServerError(host: host, port: port, reason: "cannot create the output directory: \(error)")
        }
        let router = ImageServerApplication.router(
            catalog: catalog, tokens: tokens.map { TokenAuthority(configuration: $0) }, output: output,
            requestLog: requestLog)
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        var application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            }
        )
        application.logger.logLevel = .warning
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: application.logger))
        let run = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }
        for await boundPort in bound {
            return RunningImageServer(host: host, port: boundPort, group: group, run: run, output: output)
        }
        // The server stopped before it was listening: report why.
        output.remove()
        do {
            try await run.value
            throw LocalImageServerError(host: host, port: port, reason: "the server stopped before it was listening")
        } catch let error as LocalImageServerError {
            throw error
        } catch {
            throw LocalImageServerError(host: host, port: port, reason: "\(error)")
        }
    }
}

/// The server could not start: which address, and why.
public struct LocalImageServerError: Error, CustomStringConvertible, Equatable {
    /// The address that was to be bound.
    public let host: String
    /// The port that was asked for.
    public let port: Int
    /// What went wrong (from the system, e.g. the address is in use).
    public let reason: String

    public var description: String { "cannot serve on \(host):\(port): \(reason)" }
}
