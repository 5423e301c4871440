import Hummingbird

/// What every ArcGIS endpoint reads from an HTTP request before doing its work: the
/// parameters (query and form body), the answer's format and JSONP callback, the token
/// however it was sent, and the server's own address as the client sees it.
struct ArcGISRequest: Sendable {
    /// Query and form pairs: names case-insensitive, values trimmed, empty values absent.
    var parameters: ServiceParameters
    /// `f`, lowercased; `nil` when absent or empty.
    var format: String?
    /// How JSON answers are written (`f=pjson`, `callback`).
    var style: JSONStyle
    /// The token from `token=`, else `X-Esri-Authorization: Bearer`, else `Authorization: Bearer`.
    var token: String?
    /// `http://host:port` as the client addressed the server, for `href`s.
    var baseURL: String

    /// Why a request's parameters could not be read; answered as an ArcGIS envelope.
    struct ReadError: Error {
        var error: ArcGISError
        var style: JSONStyle
    }

    /// Reads `request`, collecting a POST body up to ``RequestParameterReader/maximumBodySize``
    /// (a larger one throws Hummingbird's 413 error, which ``ErrorEnvelopeMiddleware`` answers).
    static func read(_ request: Request, context: ImageServerRequestContext) async throws -> ArcGISRequest {
        var body: [UInt8]? = nil
        if request.method == .post {
            let contentType = request.headers[.contentType]
            var request = request
            let buffer = try await request.collectBody(upTo: RequestParameterReader.maximumBodySize)
            if buffer.readableBytes > 0 {
                guard RequestParameterReader.isForm(contentType: contentType) else {
                    throw ReadError(
                        error: ArcGISError(
                            code: 400, message: "Unable to complete operation.",
                            details: ["A POST body must be application/x-www-form-urlencoded, not \(contentType ?? "")."]),
                        style: JSONStyle())
                }
                body = Array(buffer.readableBytesView)
            }
        }
        let parameters = ServiceParameters(RequestParameterReader.pairs(query: request.uri.query, body: body))
        var style = JSONStyle()
        let format = parameters["f"]?.lowercased()
        style.pretty = format == "pjson"
        if let callback = parameters["callback"] {
            guard JSONStyle.isValidCallback(callback) else {
                throw ReadError(
                    error: ArcGISError(
                        code: 400, message: "Invalid callback function name.",
                        details: ["callback must be a JavaScript name of letters, digits, _, $, . and [] (at most 128 characters)."]),
                    style: style)
            }
            style.callback = callback
        }
        return ArcGISRequest(
            parameters: parameters, format: format, style: style,
            token: parameters["token"] ?? bearerToken(request.headers.first { $0.name.canonicalName == "x-esri-authorization" }?.value)
                ?? bearerToken(request.headers[.authorization]),
            baseURL: "http://" + authority(request.head.authority, fallback: context.localAuthority))
    }

    /// `t` from `Bearer t` (scheme case-insensitive); `nil` for any other scheme.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimming(" \t")
        return token.isEmpty ? nil : token
    }

    /// The `Host` header when it is a plain `host[:port]` (letters, digits, `.`, `-`, `:`, `[]`),
    /// else the connection's local address, else `127.0.0.1`.
    static func authority(_ host: String?, fallback: String?) -> String {
        if let host, !host.isEmpty, host.utf8.count <= 255,
            host.unicodeScalars.allSatisfy({ scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]": true
                default: false
                }
            })
        {
            return host
        }
        return fallback ?? "127.0.0.1"
    }
}
