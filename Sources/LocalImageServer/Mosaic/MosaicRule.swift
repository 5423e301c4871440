import LayerOptions

/// A `mosaicRule`: which catalog items take part (`where`, `fids`, `lockRasterIds`, and the
/// request's `time`), in which order (`mosaicMethod`), and how overlaps combine
/// (`mosaicOperation`). Without one, the service's defaults apply.
struct MosaicRule: Sendable {
    var method: MosaicMethod
    var whereClause: WhereClause?
    var sortField: String?
    var sortValue: String?
    var ascending: Bool
    var lockRasterIDs: [Int]
    var fids: [Int]?
    var operation: MosaicOperation

    /// The service's default rule.
    init(defaultsOf service: LocalImageService) {
        let definition = service.definition
        method = definition.defaultMosaicMethod
        sortField = definition.sortField.isEmpty ? nil : definition.sortField
        sortValue = definition.sortValue.isEmpty ? nil : definition.sortValue
        ascending = definition.sortAscending
        lockRasterIDs = []
        operation = definition.mosaicOperation
    }

    /// The `mosaicRule` parameter, or the service's default rule when absent.
    init(parameter object: JSONObject?, service: LocalImageService) throws(ArcGISError) {
        self.init(defaultsOf: service)
        guard let object else { return }
        let fieldNames = service.fields.map(\.name)
        if let value = object.member("mosaicMethod") {
            guard case .string(let name) = value, let method = MosaicMethod(name: name) else {
                throw .invalid("mosaicRule: mosaicMethod \(value.stringified) is not supported; use esriMosaicNone, esriMosaicCenter, esriMosaicNorthwest, esriMosaicLockRaster or esriMosaicAttribute")
            }
            self.method = method
        }
        if case .string(let text)? = object.member("where"), !text.trimmingWhitespace.isEmpty {
            whereClause = try WhereClause(text, fields: fieldNames, parameter: "mosaicRule.where")
        }
        if case .string(let field)? = object.member("sortField"), !field.isEmpty {
            guard let known = fieldNames.first(where: { $0.lowercased() == field.lowercased() }) else {
                throw .invalid("mosaicRule: sortField '\(field)' is not a field; the fields are \(fieldNames.joined(separator: ", "))")
            }
            sortField = known
        }
        switch object.member("sortValue") {
        case .string(let text)?: sortValue = text
        case .number(let number)?: sortValue = JavaScriptNumber.string(number)
        default: break
        }
        if case .bool(let ascending)? = object.member("ascending") { self.ascending = ascending }
        if let value = object.member("lockRasterIds") { lockRasterIDs = try MosaicRule.ids(value, name: "lockRasterIds") }
        if let value = object.member("fids") { fids = try MosaicRule.ids(value, name: "fids") }
        if let value = object.member("mosaicOperation") {
            guard case .string(let name) = value, let operation = MosaicOperation(name: name) else {
                throw .invalid("mosaicRule: mosaicOperation \(value.stringified) is not supported; use MT_FIRST, MT_LAST, MT_MIN, MT_MAX, MT_MEAN, MT_BLEND or MT_SUM")
            }
            self.operation = operation
        }
        if method == .lockRaster && lockRasterIDs.isEmpty {
            throw .invalid("mosaicRule: esriMosaicLockRaster needs lockRasterIds, e.g. [1]")
        }
        if method == .attribute && sortField == nil {
            throw .invalid("mosaicRule: esriMosaicAttribute needs a sortField; the fields are \(fieldNames.joined(separator: ", "))")
        }
    }

    private static func ids(_ value: JSONValue, name: String) throws(ArcGISError) -> [Int] {
        guard case .array(let elements) = value else { throw .invalid("mosaicRule: \(name) must be an array of object IDs") }
        var ids: [Int] = []
        for element in elements {
            guard case .number(let number) = element, let id = Int(exactly: number) else {
                throw .invalid("mosaicRule: \(name) must hold integers, got \(element.stringified)")
            }
            ids.append(id)
        }
        return ids
    }

    /// The items taking part, top-most first: filtered by `fids`, lock, `where` and `time`,
    /// then ordered by the method. `center` is the view's centre in the service's
    /// reference. Ties keep OBJECTID order.
    func orderedItems(of service: LocalImageService, time: TimeExtent?, center: (x: Double, y: Double)) -> [CatalogItem] {
        var items = service.items
        if let fids { items = items.filter { fids.contains($0.objectID) } }
        if method == .lockRaster {
            items = lockRasterIDs.compactMap { id in items.first { $0.objectID == id } }
        }
        if let whereClause { items = items.filter { whereClause.matches($0) } }
        if let time, service.definition.timeInfo != nil {
            items = items.filter { item in item.timeExtent.map { time.overlaps(start: $0.start, end: $0.end) } ?? false }
        }
        func distance(_ item: CatalogItem, _ x: Double, _ y: Double) -> Double {
            let dx = item.footprint.centerX - x, dy = item.footprint.centerY - y
            return dx * dx + dy * dy
        }
        let keyed: [(key: Double, item: CatalogItem)]
        switch method {
        case .none, .lockRaster:
            return items
        case .center:
            keyed = items.map { (distance($0, center.x, center.y), $0) }
        case .northwest:
            keyed = items.map { (distance($0, service.extent.xmin, service.extent.ymax), $0) }
        case .attribute:
            let base = sortValue.flatMap { EpochDate.parse($0) }
            keyed = items.map { item in
                guard let field = sortField, case .number(let value)? = item.attribute(field) else { return (Double.infinity, item) }
                let key = base.map { abs(value - $0) } ?? value
                return (ascending ? key : -key, item)
            }
        }
        return keyed.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.item)
    }
}
