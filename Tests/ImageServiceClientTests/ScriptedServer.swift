import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server whose answers each test scripts: status, headers, body,
/// a delay before answering, or closing the connection without an answer. It records
/// every request and the most requests it had in flight at once.
final class ScriptedServer: Sendable {
    struct Request: Sendable, Equatable {
        var method: String
        var uri: String
        var headers: [String: String]
        var body: String
    }

    struct Response: Sendable {
        var status: Int = 200
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var delay: Duration = .zero
        /// Close the connection instead of answering.
        var closeConnection = false

        static func json(_ text: String, status: Int = 200) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }

        static func png(_ bytes: [UInt8] = TestImages.png) -> Response {
            Response(headers: [("Content-Type", "image/png")], body: bytes)
        }
    }

    typealias Script = @Sendable (_ request: Request, _ index: Int) async -> Response

    private struct State {
        var requests: [Request] = []
        var inFlight = 0
        var maximumInFlight = 0
    }

    let port: Int
    private let state = NIOLockedValueBox(State())
    private let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let serving = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    var origin: String { "http://127.0.0.1:\(port)" }
    /// The service URL the tests use.
    var serviceURL: String { origin + "/arcgis/rest/services/Test/ImageServer" }

    var requests: [Request] { state.withLockedValue { $0.requests } }
    var maximumInFlight: Int { state.withLockedValue { $0.maximumInFlight } }

    private init(channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        self.channel = channel
        port = channel.channel.localAddress?.port ?? 0
    }

    /// Starts a server on 127.0.0.1 at a free port.
    static func start(_ script: @escaping Script) async throws -> ScriptedServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: child)
                }
            }
        let server = ScriptedServer(channel: channel)
        let task = Task<Void, Never> {
            _ = try? await channel.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            group.addTask { await server.serve(connection, script) }
                        }
                    } catch {}
                }
            }
        }
        server.serving.withLockedValue { $0 = task }
        return server
    }

    /// Stops listening and drops open connections.
    func stop() async {
        let task = serving.withLockedValue { $0 }
        task?.cancel()
        try? await channel.channel.close()
        await task?.value
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                       _ script: Script) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let requestHead = head else { continue }
                    var headers: [String: String] = [:]
                    for (name, value) in requestHead.headers { headers[name.lowercased()] = value }
                    let request = Request(method: requestHead.method.rawValue, uri: requestHead.uri, headers: headers,
                                          body: String(buffer: body))
                    let index = state.withLockedValue { state -> Int in
                        state.requests.append(request)
                        state.inFlight += 1
                        state.maximumInFlight = max(state.maximumInFlight, state.inFlight)
                        return state.requests.count - 1
                    }
                    let response = await script(request, index)
                    if response.delay > .zero { try? await Task.sleep(for: response.delay) }
                    defer { state.withLockedValue { $0.inFlight -= 1 } }
                    if response.closeConnection || Task.isCancelled { return }
                    var responseHeaders = HTTPHeaders(response.headers)
                    responseHeaders.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                    let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status),
                                                        headers: responseHeaders)
                    try await outbound.write(.head(responseHead))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
                    try await outbound.write(.end(nil))
                }
            }
        }
    }
}

enum TestImages {
    /// A PNG signature and an IHDR start: enough for the client's sniffing.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
    /// A JPEG SOI and APP0 start.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0]
}
