import LayerOptions

/// One raster of a service's catalog (a row of the mosaic dataset's attribute table): its
/// pixels, its footprint and its attributes.
struct CatalogItem: Sendable {
    /// 1-based, in catalog order.
    let objectID: Int
    let raster: SourceRaster
    /// The raster's extent in the service's spatial reference.
    let footprint: Envelope
    /// Every attribute, in field order: OBJECTID, the catalog file's attributes, then
    /// LowPS, HighPS, CenterX, CenterY, Shape_Length, Shape_Area.
    let attributes: JSONObject
    /// Start and end of the item's time extent (epoch ms) on a time-aware service.
    let timeExtent: (start: Double, end: Double)?

    /// An attribute by field name, matched case-insensitively.
    func attribute(_ field: String) -> JSONValue? {
        if let value = attributes[field] { return value }
        let lowered = field.lowercased()
        return attributes.members.first { $0.key.lowercased() == lowered }?.value
    }

    /// The item's Name attribute, or `Raster <OBJECTID>`.
    var name: String {
        if case .string(let name)? = attribute("Name") { return name }
        return "Raster \(objectID)"
    }
}
