import Hummingbird

/// Builds the Hummingbird router of the local Image Service: the ArcGIS routes behind the
/// middlewares every response passes through. Outermost first: the request log (if any),
/// CORS (headers on every answer, and the preflight), then the error envelope.
enum ImageServerApplication {
    static func router(
        catalog: ImageServiceCatalog, tokens: TokenAuthority?, output: OutputDirectory,
        requestLog: (@Sendable (String) -> Void)?
    ) -> Router<ImageServerRequestContext> {
        let router = Router(context: ImageServerRequestContext.self, options: [.caseInsensitive])
        if let requestLog {
            router.add(middleware: RequestLogMiddleware(sink: requestLog))
        }
        router.add(middleware: CORSMiddleware())
        router.add(middleware: ErrorEnvelopeMiddleware())
        ArcGISRoutes(catalog: catalog, tokens: tokens, output: output).add(to: router)
        return router
    }
}
