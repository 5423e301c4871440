import LayerOptions

/// NDVI: `(NIR − Red) / (NIR + Red)` from `InfraredBandID` and `VisibleBandID` (0-based;
/// by default 3 and 0, the Scene's NIR and Red). Output U8 `round(NDVI · 100 + 100)` (0…200),
/// or F32 −1…1 with `ScientificOutput: true`. A zero denominator gives NDVI 0.
struct NDVIFunction: RasterFunction {
    let visible: Int?
    let infrared: Int?
    let scientific: Bool

    init(_ arguments: JSONObject) throws(ArcGISError) {
        visible = arguments.member("VisibleBandID") == nil ? nil : Int(try Self.number(arguments, "VisibleBandID", function: "NDVI", default: 0))
        infrared = arguments.member("InfraredBandID") == nil ? nil : Int(try Self.number(arguments, "InfraredBandID", function: "NDVI", default: 0))
        if case .bool(let scientific)? = arguments.member("ScientificOutput") { self.scientific = scientific } else { scientific = false }
    }

    /// NDVI of one pixel.
    @inline(__always)
    static func ndvi(infrared: Float, red: Float) -> Float {
        let sum = infrared + red
        return sum == 0 ? 0 : (infrared - red) / sum
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        let visible = visible ?? 0
        let infrared = infrared ?? min(3, block.bandCount - 1)
        try Self.check([visible, infrared], in: block, name: "VisibleBandID/InfraredBandID", function: "NDVI")
        var output = PixelBlock.empty(width: block.width, height: block.height, bandCount: 1,
                                      pixelType: scientific ? .F32 : .U8, statistics: [nil])
        output.mask = block.mask
        let red = block.bands[visible], nir = block.bands[infrared]
        for index in 0..<block.count where block.mask[index] != 0 {
            let value = Self.ndvi(infrared: nir[index], red: red[index])
            output.bands[0][index] = scientific ? value : (value * 100 + 100).rounded()
        }
        if scientific { output.statistics = [BandStatistics(min: -1, max: 1, mean: 0, standardDeviation: 0.5)] }
        return output
    }
}
