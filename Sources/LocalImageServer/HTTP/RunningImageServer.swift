import Foundation
import ServiceLifecycle

/// A local Image Service that is accepting connections; ``stop()`` ends it. Dropping the
/// value does not: the server then runs until the process ends.
///
/// URLs are strings, as map specs and ArcGIS clients write them. When the server is bound to
/// an unspecified address (`0.0.0.0`, `::`), its URLs name the loopback address instead,
/// so they are usable from this machine.
public final class RunningImageServer: Sendable {
    /// The address the server is bound to, as given to ``LocalImageServer/start(catalog:host:port:tokens:requestLog:)``.
    public let host: String
    /// The port the server listens on (the chosen one when 0 was asked for).
    public let port: Int

    private let group: ServiceGroup
    private let run: Task<Void, any Error>
    let output: OutputDirectory

    init(host: String, port: Int, group: ServiceGroup, run: Task<Void, any Error>, output: OutputDirectory) {
        self.host = host
        self.port = port
        self.group = group
        self.run = run
        self.output = output
    }

    /// `http://127.0.0.1:8080`: scheme, host and port, no trailing slash.
    public var baseURL: String {
        let name: String
        switch host {
        case "0.0.0.0", "": name = "127.0.0.1"
        case "::", "[::]": name = "[::1]"
        default: name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
        return "http://\(name):\(port)"
    }

    /// `<baseURL>/arcgis/rest/services`: the catalog's URL.
    public var servicesURL: String { baseURL + "/arcgis/rest/services" }

    /// `<baseURL>/arcgis/tokens/generateToken`: where a secured server issues tokens.
    public var generateTokenURL: String { baseURL + "/arcgis/tokens/generateToken" }

    /// `<baseURL>/arcgis/rest/services/<name>/ImageServer`: a service's URL, as a layer's `url`.
    public func serviceURL(named name: String) -> String { servicesURL + "/" + name + "/ImageServer" }

    /// Stops accepting connections, lets the requests in progress finish, and removes the
    /// exported images. Calling it again does nothing more.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await run.value
        output.remove()
    }

    /// Returns when the server has stopped, by ``stop()`` or because it failed.
    public func waitUntilStopped() async {
        _ = try? await run.value
    }
}
