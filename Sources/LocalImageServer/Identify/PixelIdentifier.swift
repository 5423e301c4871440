import LayerOptions
/// identify (in progress).
struct PixelIdentifier {
    let service: LocalImageService
    func identify(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        throw ArcGISError(code: 501, message: "identify is not implemented yet")
    }
}
