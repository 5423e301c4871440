import AsyncHTTPClient
import Foundation
import LayerOptions
import Testing

@testable import LocalImageServer

/// One HTTP answer, read whole.
struct HTTPAnswer {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header, name compared without regard to case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (`Issue.record` and `.null` if it is not).
    var json: JSONValue {
        do { return try JSONParser.parse(body) } catch {
            Issue.record("not JSON (\(error)): \(text.prefix(300))")
            return .null
        }
    }
}

/// A server started for one test on 127.0.0.1 and a free port, and a client for it.
struct TestServer {
    let server: RunningImageServer
    let lines: LogLines

    /// Starts a server over the test catalog, runs `body`, and stops the server (also when
    /// `body` throws).
    static func run(
        tokens: TokenConfiguration? = nil, _ body: (TestServer) async throws -> Void
    ) async throws {
        let lines = LogLines()
        let server = try await LocalImageServer.start(
            catalog: try TestCatalog.make(), host: "127.0.0.1", port: 0, tokens: tokens,
            requestLog: { lines.append($0) })
        do {
            try await body(TestServer(server: server, lines: lines))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// GET `path` (relative to the base URL, with its query).
    func get(_ path: String, headers: [(String, String)] = []) async throws -> HTTPAnswer {
        try await send(method: "GET", path: path, headers: headers, body: nil)
    }

    /// POST `body` as a form to `path`.
    func post(
        _ path: String, form: String, contentType: String? = "application/x-www-form-urlencoded; charset=UTF-8",
        headers: [(String, String)] = []
    ) async throws -> HTTPAnswer {
        var headers = headers
        if let contentType { headers.append(("Content-Type", contentType)) }
        return try await send(method: "POST", path: path, headers: headers, body: Array(form.utf8))
    }

    /// Any request to `path`.
    func send(method: String, path: String, headers: [(String, String)], body: [UInt8]?) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return HTTPAnswer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
    }
}

/// Request log lines collected across tasks.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var all: [String] { lock.withLock { storage } }
}

/// `{"error":{"code":…,"message":…,"details":[…]}}` → its parts, or `nil`.
func envelope(_ json: JSONValue) -> (code: Int, message: String, details: [String])? {
    guard case .object(let root) = json, case .object(let error)? = root["error"],
        case .number(let code)? = error["code"], case .string(let message)? = error["message"],
        case .array(let details)? = error["details"]
    else { return nil }
    return (Int(code), message, details.compactMap { if case .string(let text) = $0 { text } else { nil } })
}
