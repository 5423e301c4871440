import LayerOptions
/// query (in progress).
struct CatalogQuery {
    let service: LocalImageService
    func run(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        throw ArcGISError(code: 501, message: "query is not implemented yet")
    }
}
