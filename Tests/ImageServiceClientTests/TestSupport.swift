import Foundation
import ImageServiceClient
import LayerOptions
import NIOConcurrencyHelpers
import RequestPlanning

/// Records the client's events as `name url method params` lines (params as JSON).
final class EventLog: Sendable {
    private let events = NIOLockedValueBox<[ImageServiceEvent]>([])
    private let onEvent: (@Sendable (ImageServiceEvent) -> Void)?

    init(onEvent: (@Sendable (ImageServiceEvent) -> Void)? = nil) { self.onEvent = onEvent }

    var handler: @Sendable (ImageServiceEvent) -> Void {
        { event in
            self.events.withLockedValue { $0.append(event) }
            self.onEvent?(event)
        }
    }

    var all: [ImageServiceEvent] { events.withLockedValue { $0 } }
    var names: [String] { all.map(\.name) }

    /// Every event as one line of text.
    var lines: [String] {
        all.map { event in
            switch event {
            case let .requestStart(url, params, method):
                "requeststart \(method) \(url) \(JSONValue.object(params).stringified)"
            case let .requestSuccess(url, params, response, method):
                "requestsuccess \(method) \(url) \(JSONValue.object(params).stringified) \(response.stringified)"
            case let .requestError(url, params, message, code, method):
                "requesterror \(method) \(url) \(JSONValue.object(params).stringified) \(code) \(message)"
            case let .requestEnd(url, params, method):
                "requestend \(method) \(url) \(JSONValue.object(params).stringified)"
            case .authenticationRequired:
                "authenticationrequired"
            }
        }
    }
}

/// A counter shared with `@Sendable` closures.
final class Counter: Sendable {
    private let value = NIOLockedValueBox(0)
    @discardableResult func increment() -> Int { value.withLockedValue { $0 += 1; return $0 } }
    var count: Int { value.withLockedValue { $0 } }
}

/// A configuration for tests: short retry delays, an event log.
func testConfiguration(_ log: EventLog? = nil) -> ImageServiceClient.Configuration {
    var configuration = ImageServiceClient.Configuration()
    configuration.retryBaseDelay = .milliseconds(10)
    configuration.timeout = .seconds(5)
    configuration.eventHandler = log?.handler
    return configuration
}

/// Runs `body` with a client, then shuts the client and the server down.
func withClient<T>(_ configuration: ImageServiceClient.Configuration, server: ScriptedServer,
                   _ body: (ImageServiceClient) async throws -> T) async throws -> T {
    let client = ImageServiceClient(configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

func layer(_ server: ScriptedServer, token: String? = nil, proxy: String? = nil, f: ResponseFormat = .image) throws -> LayerOptions {
    var options = try LayerOptions(url: server.serviceURL)
    try options.setToken(token)
    try options.setProxy(proxy)
    options.f = f
    return options
}

/// A 256×256 view of San Francisco at zoom 12.
let testView = MapView(center: LatLng(latitude: 37.75, longitude: -122.45), zoom: 12, width: 256, height: 256)

/// The time since `start`.
func elapsed(since start: ContinuousClock.Instant) -> Duration { ContinuousClock.now - start }
