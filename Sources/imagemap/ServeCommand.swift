import ArgumentParser
import Dispatch
import Foundation
import LocalImageServer

/// `imagemap serve`: the local ArcGIS-compatible Image Service over a catalog folder, until
/// SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a catalog of local rasters as ArcGIS Image Services over HTTP.",
        discussion: """
            Prints the base URL and each service's URL once it accepts connections, then serves
            until interrupted (Ctrl-C) or sent SIGTERM. Exit codes: 2 for a bad catalog or token
            file, 1 when the address cannot be bound.
            """
    )

    @Option(help: "The address to bind. Anything other than loopback exposes the services to the network.")
    var host = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one.")
    var port = 8080

    @Option(help: "The catalog folder: one JSON file per service (default: the built-in examples/catalog).")
    var catalog: String?

    @Option(help: "A JSON file of users; when given, every request needs a token (see README).")
    var tokens: String?

    @Flag(help: "Print one line per request to standard error (tokens and credentials redacted).")
    var logRequests = false

    func run() async throws {
        try await BadInput.exitingWithCode2 { try await serve() }
    }

    private func serve() async throws {
        let services = try LocalCatalog.load(catalog)
        var tokenConfiguration: TokenConfiguration? = nil
        if let tokens {
            do { tokenConfiguration = try TokenConfiguration(contentsOfFile: tokens) } catch { throw BadInput(error.description) }
        }
        let (stopSignals, signalContinuation) = AsyncStream<Int32>.makeStream()
        let signalSources = Self.deliver([SIGINT, SIGTERM], to: signalContinuation)
        defer { signalSources.forEach { $0.cancel() } }
        var requestLog: (@Sendable (String) -> Void)? = nil
        if logRequests {
            requestLog = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        let server = try await LocalImageServer.start(
            catalog: services, host: host, port: port, tokens: tokenConfiguration, requestLog: requestLog)
        var lines = ["Local Image Service: \(server.servicesURL)" + (tokenConfiguration == nil ? "" : " (tokens required: \(server.generateTokenURL))")]
        let width = services.services.map(\.name.count).max() ?? 0
        for service in services.services {
            lines.append("  " + service.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + server.serviceURL(named: service.name))
        }
        lines.append("Press Ctrl-C to stop.")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in stopSignals { return }
            }
            group.addTask { await server.waitUntilStopped() }
            await group.next()
            // A signal (or the server failing): stop, which also ends the second task.
            await server.stop()
            group.cancelAll()
        }
        FileHandle.standardError.write(Data("imagemap: stopped\n".utf8))
    }

    /// Delivers `signals` to `continuation` instead of letting them end the process, so the
    /// server can stop cleanly. The sources must be kept until the command ends.
    private static func deliver(_ signals: [Int32], to continuation: AsyncStream<Int32>.Continuation) -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "imagemap.signals")
        return signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }
}
