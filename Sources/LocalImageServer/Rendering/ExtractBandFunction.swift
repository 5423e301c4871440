import LayerOptions

/// ExtractBand: keeps the bands named by `BandIDs` (0-based; `BandIds` too, as JS4 writes
/// it) or by `BandNames` (the service's band names), in that order.
struct ExtractBandFunction: RasterFunction {
    let bandIDs: [Int]?
    let bandNames: [String]?

    init(_ arguments: JSONObject) throws(ArcGISError) {
        if let value = arguments.member("BandIDs") {
            bandIDs = try Self.indexes(value, name: "BandIDs", function: "ExtractBand")
            bandNames = nil
        } else if case .array(let names)? = arguments.member("BandNames") {
            bandNames = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
            bandIDs = nil
        } else {
            throw .invalid("renderingRule: ExtractBand needs BandIDs (0-based band indexes) or BandNames")
        }
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        var ids = bandIDs ?? []
        if let bandNames {
            for name in bandNames {
                guard let index = context.bandNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                    throw .invalid("renderingRule: ExtractBand band name '\(name)' is not one of \(context.bandNames.joined(separator: ", "))")
                }
                ids.append(index)
            }
        }
        guard !ids.isEmpty else { throw .invalid("renderingRule: ExtractBand selects no band") }
        try Self.check(ids, in: block, name: "BandIDs", function: "ExtractBand")
        return block.selecting(bands: ids)
    }
}
