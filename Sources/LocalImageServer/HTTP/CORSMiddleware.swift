import Hummingbird

/// Cross-origin headers on every response — JSON, images, errors — and the answer to every
/// `OPTIONS` preflight, so that Esri Leaflet in a browser on any origin can use the server
/// with CORS (and with `withCredentials`), as reference §14 asks.
///
/// With an `Origin` header the origin is echoed with `Access-Control-Allow-Credentials: true`
/// and `Vary: Origin`; without one, `Access-Control-Allow-Origin: *`.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods the server answers.
    static var allowedMethods: String { "GET, POST, OPTIONS" }
    /// The request headers a page may send: the form's type and both token headers.
    static var allowedHeaders: String { "Content-Type, X-Esri-Authorization, Authorization, X-Requested-With" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = Self.allowedMethods
            response.headers[.accessControlAllowHeaders] = Self.allowedHeaders
            response.headers[.accessControlMaxAge] = "86400"
        } else {
            do {
                response = try await next(request, context)
            } catch {
                response = ErrorEnvelopeMiddleware<Context>.response(for: error, request: request)
            }
        }
        if let origin = request.headers[.origin] {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
            if !response.headers[values: .vary].contains("Origin") {
                response.headers.append(.init(name: .vary, value: "Origin"))
            }
        } else {
            response.headers[.accessControlAllowOrigin] = "*"
        }
        return response
    }
}
