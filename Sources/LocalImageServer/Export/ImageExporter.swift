import LayerOptions
import PixelPipeline

/// exportImage: request → grid → processed raster → RGBA → PNG or JPEG.
struct ImageExporter {
    let service: LocalImageService

    func export(_ parameters: ServiceParameters) throws(ArcGISError) -> ExportedImage {
        let request = try ExportRequest(parameters, service: service)
        let painted = try render(request)
        return try encode(painted.raster, transparent: painted.transparent, request: request)
    }

    /// The painted raster of a request (before encoding) and whether any pixel is transparent.
    func render(_ request: ExportRequest) throws(ArcGISError) -> (raster: Raster, transparent: Bool) {
        var block = try BlockRenderer.render(service, grid: request.grid, mosaicRule: request.mosaicRule, time: request.time,
                                             renderingRule: request.renderingRule, interpolation: request.interpolation)
        block = try ImagePainter.selectBands(block, bandIDs: request.bandIDs)
        if let type = request.pixelType { block = PixelTypeConversion.convert(block, to: type) }
        if let noData = request.noData {
            try ImagePainter.applyNoData(&block, values: noData, interpretation: request.noDataInterpretation)
        }
        return ImagePainter.paint(block)
    }

    func encode(_ raster: Raster, transparent: Bool, request: ExportRequest) throws(ArcGISError) -> ExportedImage {
        let usePNG = request.format == .png || (request.format == .jpgpng && transparent)
        let bytes: [UInt8]
        do {
            if usePNG {
                bytes = try PNGEncoder(compression: .fast).encode(raster)
            } else {
                bytes = try JPEGEncoder(quality: request.quality, background: .black).encode(raster)
            }
        } catch {
            throw .internalFailure("encoding the image failed: \(error)")
        }
        return ExportedImage(bytes: bytes, contentType: usePNG ? "image/png" : "image/jpeg", fileExtension: usePNG ? "png" : "jpg",
                             width: raster.width, height: raster.height, extent: request.grid.extent.json(request.grid.reference))
    }
}
