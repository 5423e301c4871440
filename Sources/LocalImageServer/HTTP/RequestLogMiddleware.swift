import Hummingbird

/// Writes one line per request — method, path and query, status, milliseconds — to a sink,
/// with the value of every `token`, `password` and `username` parameter replaced by
/// `REDACTED`. Headers and bodies are never logged, so neither are the tokens they carry.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let sink: @Sendable (String) -> Void

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let rounded = (milliseconds * 10).rounded() / 10
        sink("\(request.method) \(Self.redacted(path: request.uri.path, query: request.uri.query)) \(response.status.code) \(rounded) ms")
        return response
    }

    /// Names whose values never reach a log.
    static var secretNames: Set<String> { ["token", "password", "username"] }

    /// `path?query` with secret values replaced; names are compared after form decoding and
    /// without regard to case, as the server reads them.
    static func redacted(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { segment -> String in
            let name = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let decoded = RequestParameterReader.decode(ArraySlice(name.utf8)).trimming(" \t\r\n").lowercased()
            return secretNames.contains(decoded) ? "\(name)=REDACTED" : String(segment)
        }
        return path + "?" + parts.joined(separator: "&")
    }
}
