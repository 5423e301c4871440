import Hummingbird

/// Turns whatever a route or the router throws into the ArcGIS error envelope, so that no
/// answer of the server is ever an empty body or an HTML page.
///
/// - An unknown path (or a method other than GET, POST and OPTIONS) is HTTP 404 with
///   `{"error":{"code":404,"message":"Not found: <path>",...}}`.
/// - A form body over ``RequestParameterReader/maximumBodySize`` is HTTP 413 with code 413:
///   the body is not read to its end, so the connection is closed after the answer.
/// - Anything else is HTTP 500 with code 500 and no internals.
///
/// Routes answer their own ArcGIS errors (bad parameters, unknown service, tokens) with HTTP
/// 200, as ArcGIS Server does; only these transport-level failures get a real status.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    /// The envelope response for `error`.
    static func response(for error: any Error, request: Request) -> Response {
        let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
        let envelope: ArcGISError
        switch status {
        case .notFound:
            envelope = ArcGISError(
                code: 404, message: "Not found: \(request.uri.path)",
                details: [
                    "This server answers /arcgis/rest/services, /arcgis/rest/services/<name>/ImageServer[/exportImage|identify|query], /arcgis/rest/info and /arcgis/tokens/generateToken, by GET or POST."
                ])
        case .contentTooLarge:
            envelope = ArcGISError(
                code: 413, message: "Request body too large.",
                details: ["The form body is larger than \(RequestParameterReader.maximumBodySize) bytes."])
        case .badRequest:
            envelope = ArcGISError(code: 400, message: "Unable to complete operation.", details: ["The request could not be read."])
        default:
            envelope = ArcGISError(code: status.code >= 400 ? status.code : 500, message: "Internal server error.", details: [])
        }
        var response = JSONResponse.error(envelope, style: JSONStyle(), status: status.code >= 400 ? status : .internalServerError)
        if status == .contentTooLarge { response.headers[.connection] = "close" }
        return response
    }
}
