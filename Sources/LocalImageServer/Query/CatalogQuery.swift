import LayerOptions

/// query over the catalog: the items (rows of the mosaic dataset) that match, as a
/// FeatureSet with footprint polygons, or as ids, a count or an extent.
///
/// Filters: `objectIds` (then `where` is ignored), `where` (default `1=1`), `time` on a
/// time-aware service, `geometry` (+ `inSR`; any `spatialRel` is read as intersects).
/// `outFields` defaults to `*`; OBJECTID is always returned. `outSR` 4326 or the service's
/// (Web Mercator). Pages: `resultOffset`, `resultRecordCount` (at most the service's
/// `maxRecordCount`, which is also the page size without one); `exceededTransferLimit`
/// says whether more rows remain. `orderByFields` sorts (`Name DESC, OBJECTID`);
/// `pixelSize` is accepted (every item is visible at every scale).
struct CatalogQuery {
    let service: LocalImageService

    func run(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        let reader = ParameterReader(parameters)
        let fieldNames = service.fields.map(\.name)
        var items = service.items
        if let ids = try reader.integers("objectIds", expected: "a list of object IDs such as 1,2") {
            items = items.filter { ids.contains($0.objectID) }
        } else if let text = reader["where"] {
            let clause = try WhereClause(text, fields: fieldNames, parameter: "where")
            items = items.filter { clause.matches($0) }
        }
        if let text = reader["time"], service.definition.timeInfo != nil {
            let time = try TimeExtent.parse(text)
            items = items.filter { item in item.timeExtent.map { time.overlaps(start: $0.start, end: $0.end) } ?? false }
        }
        if let text = reader["geometry"] {
            let inSR = try reader.spatialReference("inSR") ?? service.spatialReference
            let geometry = try InputGeometry.parse(text, parameter: "geometry", fallback: inSR)
            let area = geometry.envelope.converted(from: geometry.reference, to: service.spatialReference)
            items = items.filter { $0.footprint.intersects(area) }
        }
        if let text = reader["orderByFields"] {
            items = try Self.order(items, by: text, fields: fieldNames)
        }
        let outSR = try reader.spatialReference("outSR") ?? service.spatialReference

        if try reader.bool("returnIdsOnly") == true {
            return ["objectIdFieldName": "OBJECTID", "objectIds": .array(items.map { .number(Double($0.objectID)) })]
        }
        if try reader.bool("returnCountOnly") == true {
            return ["count": .number(Double(items.count))]
        }
        if try reader.bool("returnExtentOnly") == true {
            let extent = items.dropFirst().reduce(items.first?.footprint) { $0?.union($1.footprint) }
            return ["extent": extent.map { $0.converted(from: service.spatialReference, to: outSR).json(outSR) } ?? .null,
                    "count": .number(Double(items.count))]
        }

        let maxRecordCount = service.definition.maxRecordCount
        let offset = try reader.integer("resultOffset", in: 0...Int(Int32.max)) ?? 0
        let pageSize = min(maxRecordCount, try reader.integer("resultRecordCount", in: 1...Int(Int32.max)) ?? maxRecordCount)
        let page = Array(items.dropFirst(offset).prefix(pageSize))
        let exceeded = offset + page.count < items.count

        var fields = service.fields
        if let text = reader["outFields"], text != "*" {
            let wanted = text.split(separator: ",").map { $0.trimmingWhitespace.lowercased() }
            if let unknown = wanted.first(where: { name in name != "*" && !fieldNames.contains { $0.lowercased() == name } }) {
                throw .invalid("outFields: '\(unknown)' is not a field; the fields are \(fieldNames.joined(separator: ", "))")
            }
            if !wanted.contains("*") {
                fields = fields.filter { $0.name == "OBJECTID" || wanted.contains($0.name.lowercased()) }
            }
        }
        let returnGeometry = try reader.bool("returnGeometry") ?? true
        let features: [JSONValue] = page.map { item in
            var attributes = JSONObject()
            for field in fields { attributes[field.name] = item.attributes[field.name] ?? .null }
            var feature: JSONObject = ["attributes": .object(attributes)]
            if returnGeometry {
                feature["geometry"] = item.footprint.converted(from: service.spatialReference, to: outSR).polygonJSON(nil)
            }
            return .object(feature)
        }
        var answer: JSONObject = [
            "objectIdFieldName": "OBJECTID",
            "fields": .array(fields.map(\.json)),
        ]
        if returnGeometry {
            answer["geometryType"] = "esriGeometryPolygon"
            answer["spatialReference"] = outSR.json
        }
        answer["features"] = .array(features)
        answer["exceededTransferLimit"] = .bool(exceeded)
        return .object(answer)
    }

    static func order(_ items: [CatalogItem], by text: String, fields: [String]) throws(ArcGISError) -> [CatalogItem] {
        var keys: [(field: String, descending: Bool)] = []
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard let name = words.first, let field = fields.first(where: { $0.lowercased() == name.lowercased() }),
                  words.count <= 2, words.count == 1 || ["asc", "desc"].contains(words[1].lowercased()) else {
                throw .invalid("orderByFields: '\(part.trimmingWhitespace)' is not 'Field [ASC|DESC]' with a field of \(fields.joined(separator: ", "))")
            }
            keys.append((field, words.count == 2 && words[1].lowercased() == "desc"))
        }
        func less(_ a: JSONValue?, _ b: JSONValue?) -> Bool? {
            switch (a, b) {
            case (.number(let x)?, .number(let y)?): x == y ? nil : x < y
            case (.string(let x)?, .string(let y)?): x == y ? nil : x < y
            default: nil
            }
        }
        return items.enumerated().sorted { left, right in
            for key in keys {
                if let order = less(left.element.attribute(key.field), right.element.attribute(key.field)) {
                    return key.descending ? !order : order
                }
            }
            return left.offset < right.offset
        }.map(\.element)
    }
}
