import LayerOptions

/// The parameters of one exportImage request, read and checked.
///
/// Defaults: `bbox` the service's extent, `bboxSR` and `imageSR` the service's reference,
/// `size` 400,400, `format` jpgpng, `interpolation` the service's default
/// (`RSP_CubicConvolution` is done bilinear, `RSP_Majority` nearest), `compressionQuality`
/// the service's default, `adjustAspectRatio` true, `noDataInterpretation` MatchAny for one
/// `noData` value and MatchAll for a list.
struct ExportRequest: Sendable {
    let grid: OutputGrid
    let format: OutputFormat
    let bandIDs: [Int]?
    let noData: [Double]?
    let noDataInterpretation: NoDataInterpretation
    let pixelType: PixelType?
    let interpolation: Interpolation
    let quality: Int
    let time: TimeExtent?
    let mosaicRule: MosaicRule
    let renderingRule: RenderingRule?

    init(_ parameters: ServiceParameters, service: LocalImageService) throws(ArcGISError) {
        let reader = ParameterReader(parameters)
        let bboxReference = try reader.spatialReference("bboxSR")
        let imageReference = try reader.spatialReference("imageSR") ?? service.spatialReference
        var bbox: Envelope
        var bboxIn = bboxReference ?? service.spatialReference
        if let text = reader["bbox"] {
            if text.hasPrefix("{") {
                guard let object = try reader.jsonObject("bbox"), let envelope = Envelope(json: .object(object)) else {
                    throw .invalid("bbox: '\(text)' is not an envelope {\"xmin\":…,\"ymin\":…,\"xmax\":…,\"ymax\":…}")
                }
                if let reference = object["spatialReference"], bboxReference == nil {
                    bboxIn = try SpatialReference.parse(reference, parameter: "bbox.spatialReference")
                }
                bbox = envelope
            } else {
                let numbers = try reader.numbers("bbox", count: 4, expected: "4 numbers: xmin,ymin,xmax,ymax") ?? []
                bbox = Envelope(xmin: numbers[0], ymin: numbers[1], xmax: numbers[2], ymax: numbers[3])
            }
            if bbox.xmin > bbox.xmax { swap(&bbox.xmin, &bbox.xmax) }
            if bbox.ymin > bbox.ymax { swap(&bbox.ymin, &bbox.ymax) }
            guard bbox.width > 0, bbox.height > 0 else {
                throw .invalid("bbox: '\(text)' has no area (xmin equals xmax or ymin equals ymax)")
            }
        } else {
            bbox = service.extent
            bboxIn = service.spatialReference
        }
        if bboxIn == .wgs84, imageReference == .webMercator, bbox.ymax < -90 || bbox.ymin > 90 {
            throw .invalid("bbox: latitudes \(bbox.ymin)…\(bbox.ymax) lie outside -90…90")
        }
        let extent = bbox.converted(from: bboxIn, to: imageReference)
        guard extent.width > 0, extent.height > 0 else {
            throw .invalid("bbox: the extent has no area in the image's spatial reference (beyond Web Mercator's ±85.05°?)")
        }

        var width = 400, height = 400
        if let text = reader["size"] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingWhitespace) }
            guard parts.count == 2, let w = parts[0], let h = parts[1], w.rounded() == w, h.rounded() == h, w >= 1, h >= 1,
                  w < 1e9, h < 1e9 else {
                throw .invalid("size: '\(text)' is not two positive whole numbers: width,height")
            }
            width = Int(w)
            height = Int(h)
        }
        let definition = service.definition
        guard width <= definition.maxImageWidth, height <= definition.maxImageHeight else {
            throw ArcGISError(code: 400, message: "Error exporting image", details: [
                "The requested image exceeds the size limit.",
                "size: \(width),\(height) is larger than this service's maxImageWidth \(definition.maxImageWidth) x maxImageHeight \(definition.maxImageHeight)",
            ])
        }
        grid = OutputGrid(extent: extent, reference: imageReference, width: width, height: height,
                          adjustAspectRatio: try reader.bool("adjustAspectRatio") ?? true)

        format = try OutputFormat.parse(reader["format"])
        bandIDs = try reader.integers("bandIds", expected: "a list of 0-based band indexes such as 2,1,0")
        noData = try reader.numbers("noData", expected: "a number or a list of numbers, one per band")
        if let text = reader["noDataInterpretation"] {
            guard let interpretation = NoDataInterpretation.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                throw .invalid("noDataInterpretation: '\(text)' is not esriNoDataMatchAny or esriNoDataMatchAll")
            }
            noDataInterpretation = interpretation
        } else {
            noDataInterpretation = (noData?.count ?? 1) > 1 ? .matchAll : .matchAny
        }
        if let text = reader["pixelType"], text.uppercased() != "UNKNOWN" {
            guard let type = PixelType(rawValue: text.uppercased()) else {
                throw .invalid("pixelType: '\(text)' is not one of U1, U2, U4, U8, S8, U16, S16, U32, S32, F32, F64")
            }
            guard type != .C64, type != .C128 else { throw .unsupported("pixelType: complex types (\(type.rawValue)) are not supported") }
            pixelType = type
        } else {
            pixelType = nil
        }
        interpolation = try ExportRequest.interpolation(reader["interpolation"], default: definition.defaultInterpolation)
        quality = try reader.integer("compressionQuality", in: 0...100).map { max(1, $0) } ?? definition.defaultCompressionQuality
        time = try reader["time"].map { (text: String) throws(ArcGISError) -> TimeExtent in try TimeExtent.parse(text) }
        mosaicRule = try MosaicRule(parameter: try reader.jsonObject("mosaicRule"), service: service)
        renderingRule = try reader.jsonObject("renderingRule").map { (object: JSONObject) throws(ArcGISError) -> RenderingRule in try RenderingRule(object) }
    }

    /// Reads `interpolation`: the four RSP_ names (cubic is done bilinear, majority
    /// nearest) or `nearest`/`bilinear`.
    static func interpolation(_ text: String?, default fallback: Interpolation) throws(ArcGISError) -> Interpolation {
        guard let text else { return fallback }
        switch text.lowercased() {
        case "rsp_nearestneighbor", "nearest", "nearestneighbor", "rsp_majority", "majority": return .nearestNeighbor
        case "rsp_bilinearinterpolation", "bilinear", "rsp_cubicconvolution", "cubic", "cubicconvolution": return .bilinear
        default:
            throw .invalid("interpolation: '\(text)' is not RSP_NearestNeighbor, RSP_BilinearInterpolation, RSP_CubicConvolution or RSP_Majority")
        }
    }
}
