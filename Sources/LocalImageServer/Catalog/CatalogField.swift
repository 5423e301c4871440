import LayerOptions

/// A field of the catalog table, as the root's `fields` and query's `fields` list it.
struct CatalogField: Sendable {
    let name: String
    /// `esriFieldTypeOID`, `esriFieldTypeString`, `esriFieldTypeInteger`, `esriFieldTypeDouble`
    /// or `esriFieldTypeDate`.
    let type: String

    var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "type": .string(type), "alias": .string(name), "domain": .null]
        if type == "esriFieldTypeString" { object["length"] = 256 }
        if type == "esriFieldTypeDate" { object["length"] = 8 }
        return .object(object)
    }

    /// The fields of `items`, in their attributes' order. Types come from the values:
    /// OBJECTID is the OID, names ending in `Date` (and the time fields) are dates, strings
    /// are strings, numbers are integers when every value is whole, doubles otherwise.
    /// The fields every item gets from its raster, all doubles.
    static let computedDoubles: Set<String> = ["LowPS", "HighPS", "CenterX", "CenterY", "Shape_Length", "Shape_Area"]

    static func infer(from items: [CatalogItem], dateFields: Set<String>) -> [CatalogField] {
        var names: [String] = []
        for item in items {
            for key in item.attributes.keys where !names.contains(key) { names.append(key) }
        }
        return names.map { name in
            if name == "OBJECTID" { return CatalogField(name: name, type: "esriFieldTypeOID") }
            if computedDoubles.contains(name) { return CatalogField(name: name, type: "esriFieldTypeDouble") }
            if name.hasSuffix("Date") || dateFields.contains(name) { return CatalogField(name: name, type: "esriFieldTypeDate") }
            let values = items.compactMap { $0.attributes[name] }
            if values.contains(where: { if case .string = $0 { true } else { false } }) {
                return CatalogField(name: name, type: "esriFieldTypeString")
            }
            let whole = values.allSatisfy { if case .number(let n) = $0 { n.rounded() == n && abs(n) < 2_147_483_648 } else { true } }
            return CatalogField(name: name, type: whole ? "esriFieldTypeInteger" : "esriFieldTypeDouble")
        }
    }
}
