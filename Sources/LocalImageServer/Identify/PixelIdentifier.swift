import LayerOptions

/// identify: the value of the mosaicked (and rendered) pixel at a point, each catalog
/// item's own value there, the items whose footprint holds the point and how much each
/// shows.
///
/// The point is read at `pixelSize` (service units; the service's finest cell by default)
/// with nearest-neighbour sampling over a 3 x 3 neighbourhood, so that neighbourhood
/// functions such as Hillshade see their neighbours. `location` is in the service's
/// reference whatever the input's.
struct PixelIdentifier {
    let service: LocalImageService

    func identify(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        let reader = ParameterReader(parameters)
        let reference = service.spatialReference
        guard let geometryText = reader["geometry"] else {
            throw .invalid("geometry: required, a point such as {\"x\":10.2,\"y\":45.1,\"spatialReference\":{\"wkid\":4326}} or x,y in the service's spatial reference")
        }
        if let type = reader["geometryType"],
           !["esrigeometrypoint", "esrigeometrypolygon", "esrigeometryenvelope", "esrigeometrymultipoint"].contains(type.lowercased()) {
            throw .invalid("geometryType: '\(type)' is not esriGeometryPoint, esriGeometryPolygon, esriGeometryEnvelope or esriGeometryMultipoint")
        }
        let geometry = try InputGeometry.parse(geometryText, parameter: "geometry", fallback: reference)
        let mosaicRule = try MosaicRule(parameter: try reader.jsonObject("mosaicRule"), service: service)
        let renderingRule = try reader.jsonObject("renderingRule").map { (object: JSONObject) throws(ArcGISError) -> RenderingRule in try RenderingRule(object) }
        let time = try reader["time"].map { (text: String) throws(ArcGISError) -> TimeExtent in try TimeExtent.parse(text) }
        let returnGeometry = try reader.bool("returnGeometry") ?? true
        let returnCatalogItems = try reader.bool("returnCatalogItems") ?? true
        let returnPixelValues = try reader.bool("returnPixelValues") ?? true
        let maxItemCount = try reader.integer("maxItemCount", in: 1...1_000_000)
        var cell = (x: service.pixelSizeX, y: service.pixelSizeY)
        if let text = reader["pixelSize"] {
            let size = try InputGeometry.parse(text, parameter: "pixelSize", fallback: reference)
            if size.envelope.xmin > 0 && size.envelope.ymin > 0 {
                let converted = Envelope(xmin: 0, ymin: 0, xmax: size.envelope.xmin, ymax: size.envelope.ymin)
                cell = size.reference == reference ? (converted.xmax, converted.ymax)
                    : (converted.xmax * size.reference.metresPerUnit / reference.metresPerUnit, converted.ymax * size.reference.metresPerUnit / reference.metresPerUnit)
            }
        }

        let point = Projection.convert(x: geometry.centerX, y: geometry.centerY, from: geometry.reference, to: reference)
        let location: JSONValue
        var value = PixelValueFormat.noData
        var items: [CatalogItem] = []
        var itemValues: [[Float]?] = []
        if let point {
            location = ["x": .number(point.x), "y": .number(point.y), "spatialReference": reference.json]
            let grid = OutputGrid(extent: Envelope(xmin: point.x - 1.5 * cell.x, ymin: point.y - 1.5 * cell.y,
                                                   xmax: point.x + 1.5 * cell.x, ymax: point.y + 1.5 * cell.y),
                                  reference: reference, width: 3, height: 3, adjustAspectRatio: false)
            let block = try BlockRenderer.render(service, grid: grid, mosaicRule: mosaicRule, time: time,
                                                 renderingRule: renderingRule, interpolation: .nearestNeighbor)
            if block.mask[4] != 0 {
                value = PixelValueFormat.string(block.bands.map { $0[4] }, pixelType: block.pixelType, bandCount: block.bandCount, separator: ", ")
            }
            items = mosaicRule.orderedItems(of: service, time: time, center: point).filter { $0.footprint.contains(x: point.x, y: point.y) }
            if let maxItemCount { items = Array(items.prefix(maxItemCount)) }
            itemValues = items.map { Self.value(of: $0.raster, x: point.x, y: point.y, in: reference) }
        } else {
            location = ["x": .number(geometry.centerX), "y": .number(geometry.centerY), "spatialReference": geometry.reference.json]
        }

        var answer: JSONObject = ["objectId": 0, "name": "Pixel", "value": .string(value), "location": location]
        let pixelType = service.definition.pixelType
        if returnPixelValues && !items.isEmpty {
            answer["properties"] = ["Values": .array(itemValues.map {
                .string(PixelValueFormat.string($0, pixelType: pixelType, bandCount: service.bandCount, separator: " "))
            })]
        } else {
            answer["properties"] = .null
        }
        if returnCatalogItems {
            answer["catalogItems"] = [
                "objectIdFieldName": "OBJECTID",
                "geometryType": "esriGeometryPolygon",
                "spatialReference": reference.json,
                "features": .array(items.map { item in
                    var feature: JSONObject = ["attributes": .object(item.attributes)]
                    if returnGeometry { feature["geometry"] = item.footprint.polygonJSON(reference) }
                    return .object(feature)
                }),
            ]
            answer["catalogItemVisibilities"] = .array(Self.visibilities(itemValues, operation: mosaicRule.operation).map { .number($0) })
        } else {
            answer["catalogItems"] = .null
            answer["catalogItemVisibilities"] = []
        }
        return .object(answer)
    }

    /// A raster's own values at a point (nearest pixel), or `nil` for NoData or outside.
    static func value(of raster: SourceRaster, x: Double, y: Double, in reference: SpatialReference) -> [Float]? {
        guard let source = Projection.convert(x: x, y: y, from: reference, to: raster.spatialReference) else { return nil }
        let column = Int(((source.x - raster.extent.xmin) / raster.pixelSizeX).rounded(.down))
        let row = Int(((raster.extent.ymax - source.y) / raster.pixelSizeY).rounded(.down))
        guard (0...raster.width).contains(column), (0...raster.height).contains(row) else { return nil }
        let index = min(row, raster.height - 1) * raster.width + min(column, raster.width - 1)
        guard raster.hasData(at: index) else { return nil }
        return raster.bands.map { $0[index] }
    }

    /// How much each item shows at the point: all of it for the one a first/last/min/max
    /// operation picks, equal shares for mean and sum; 0 for items without data there.
    static func visibilities(_ values: [[Float]?], operation: MosaicOperation) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        let withData = values.indices.filter { values[$0] != nil }
        guard !withData.isEmpty else { return result }
        switch operation {
        case .first: result[withData[0]] = 1
        case .last: result[withData[withData.count - 1]] = 1
        case .min, .max:
            let pick = withData.min { a, b in
                let (x, y) = (values[a]?.first ?? 0, values[b]?.first ?? 0)
                return operation == .min ? x < y : x > y
            } ?? withData[0]
            result[pick] = 1
        case .mean, .sum:
            for index in withData { result[index] = 1 / Double(withData.count) }
        }
        return result
    }
}
