/// exportImage (in progress).
struct ImageExporter {
    let service: LocalImageService
    func export(_ parameters: ServiceParameters) throws(ArcGISError) -> ExportedImage {
        throw ArcGISError(code: 501, message: "exportImage is not implemented yet")
    }
}
