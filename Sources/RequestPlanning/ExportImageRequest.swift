import LayerOptions

/// The exportImage request of `ImageMapLayer._buildExportParams` / `_requestExport` for a
/// layer and a map view.
public enum ExportImageRequest {
    /// The spatial reference of the bbox and the image: the map's, EPSG:3857 (Esri
    /// Leaflet writes `3857`, never `102100`).
    public static let spatialReference = 3857

    /// exportImage's parameters in Esri Leaflet's order: bbox, size, format, transparent,
    /// bboxSR, imageSR, then time, pixelType, interpolation, compressionQuality, bandIds,
    /// noData, noDataInterpretation, token, renderingRule, mosaicRule, then requestParams.
    /// (`f` is added when the request is made.) The bbox is written in the documented
    /// order xmin,ymin,xmax,ymax.
    public static func parameters(for options: LayerOptions, view: MapView) -> JSONObject {
        let bbox = view.exportBBox
        return parameters(for: options, bbox: [bbox.xmin, bbox.ymin, bbox.xmax, bbox.ymax], size: view.exportSize)
    }

    /// exportImage's parameters for an explicit EPSG:3857 `bbox` (xmin, ymin, xmax, ymax)
    /// and image size, in the same order as ``parameters(for:view:)``.
    public static func parameters(for options: LayerOptions, bbox: [Double], size: (width: Int, height: Int)) -> JSONObject {
        var parameters: JSONObject = [
            "bbox": .string(bbox.map(JavaScriptNumber.string).joined(separator: ",")),
            "size": .string("\(size.width),\(size.height)"),
            "format": .string(options.format.rawValue),
            "transparent": .bool(options.transparent),
            "bboxSR": .number(Double(spatialReference)),
            "imageSR": .number(Double(spatialReference)),
        ]
        if let from = options.from, let to = options.to {
            parameters["time"] = .string(JavaScriptNumber.string(Timestamp.epochMilliseconds(from)) + ","
                + JavaScriptNumber.string(Timestamp.epochMilliseconds(to)))
        }
        if let pixelType = options.pixelType { parameters["pixelType"] = .string(pixelType.rawValue) }
        if let interpolation = options.interpolation { parameters["interpolation"] = .string(interpolation.rawValue) }
        if let quality = options.compressionQuality, quality != 0 { parameters["compressionQuality"] = .number(Double(quality)) }
        if let bandIds = options.bandIds, !bandIds.text.isEmpty { parameters["bandIds"] = .string(bandIds.text) }
        switch options.noData {
        case .number(let value)?: parameters["noData"] = .number(value)
        case .text(let text)?: parameters["noData"] = .string(text)
        case nil: break
        }
        if let interpretation = options.noDataInterpretation { parameters["noDataInterpretation"] = .string(interpretation.rawValue) }
        if let token = options.token { parameters["token"] = .string(token) }
        if let rule = options.renderingRule { parameters["renderingRule"] = .string(JSONValue.object(rule).stringified) }
        if let rule = options.mosaicRule { parameters["mosaicRule"] = .string(JSONValue.object(rule).stringified) }
        parameters.merge(options.requestParams)
        return parameters
    }

    /// The export request, or `nil` when the view's zoom is outside the layer's
    /// minZoom…maxZoom. With `f=image` it is the image URL itself (Leaflet's
    /// `getParamString`, never POST or JSONP); with `f=json` it goes through the service's
    /// rules (GET or POST, or JSONP without CORS).
    public static func request(for options: LayerOptions, view: MapView, callbacks: inout JSONPCallbackNames) -> PlannedRequest? {
        guard options.isVisible(atZoom: view.zoom) else { return nil }
        return request(for: options, parameters: parameters(for: options, view: view), callbacks: &callbacks)
    }

    /// The export request carrying `parameters` (from one of the `parameters` functions).
    static func request(for options: LayerOptions, parameters: JSONObject, callbacks: inout JSONPCallbackNames) -> PlannedRequest {
        var parameters = parameters
        let builder = ServiceRequestBuilder(options: options)
        switch options.f {
        case .image:
            parameters["f"] = "image"
            return .get(builder.serviceURL(path: "exportImage") + QueryString.leafletParamString(parameters))
        case .json:
            return builder.request(path: "exportImage", parameters: parameters, transport: .automatic, caller: .service,
                                   callbacks: &callbacks)
        }
    }

    /// The URL of the image an `f=json` export names: `href`, then `?token=` and the
    /// layer's token if it has one (always `?`, as Esri Leaflet), behind the proxy if any.
    public static func imageURL(href: String, options: LayerOptions) -> String {
        var url = href
        if let token = options.token { url += "?token=" + token }
        if let proxy = options.proxy { url = proxy + "?" + url }
        return url
    }
}
