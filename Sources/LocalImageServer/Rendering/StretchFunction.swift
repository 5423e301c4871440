import LayerOptions

/// Stretch: maps each band's input range linearly onto `Min`…`Max` (0…255 by default),
/// clamping, and outputs U8.
///
/// The input range: StretchType 5 (MinMax) uses the band's min and max, 3
/// (StandardDeviation) mean ± `NumberOfStandardDeviations` (2) × standard deviation, 6
/// (PercentClip) the `MinPercent`/`MaxPercent` percentiles (of the request's pixels), 0
/// (None) leaves values as they are. The statistics come from `Statistics`
/// (`[[min,max,mean,stddev],…]` per band), or from the pixels of the request when `DRA` is
/// true, or else from the service's band statistics (falling back to the request's pixels
/// when a function before computed new values). Gamma arguments are ignored.
struct StretchFunction: RasterFunction {
    let type: Int
    let outputMin: Float
    let outputMax: Float
    let deviations: Double
    let statistics: [[Double]]?
    let dynamicRange: Bool
    let minPercent: Double
    let maxPercent: Double

    init(_ arguments: JSONObject) throws(ArcGISError) {
        type = Int(try Self.number(arguments, "StretchType", function: "Stretch", default: 0))
        guard [0, 3, 5, 6].contains(type) else {
            throw .invalid("renderingRule: Stretch StretchType \(type) is not supported; use 0 (None), 3 (StandardDeviation), 5 (MinMax) or 6 (PercentClip)")
        }
        outputMin = Float(try Self.number(arguments, "Min", function: "Stretch", default: 0))
        outputMax = Float(try Self.number(arguments, "Max", function: "Stretch", default: 255))
        deviations = try Self.number(arguments, "NumberOfStandardDeviations", function: "Stretch", default: 2)
        minPercent = try Self.number(arguments, "MinPercent", function: "Stretch", default: 2)
        maxPercent = try Self.number(arguments, "MaxPercent", function: "Stretch", default: 2)
        if case .bool(let dra)? = arguments.member("DRA") { dynamicRange = dra } else { dynamicRange = false }
        if case .array(let rows)? = arguments.member("Statistics"), !rows.isEmpty {
            var statistics: [[Double]] = []
            for row in rows {
                guard case .array(let values) = row, values.count >= 2 else {
                    throw .invalid("renderingRule: Stretch Statistics must be [[min,max,mean,stddev],…], one per band")
                }
                statistics.append(values.map { if case .number(let number) = $0 { number } else { 0 } })
            }
            self.statistics = statistics
        } else {
            statistics = nil
        }
    }

    /// The input range of band `band`.
    func inputRange(_ block: PixelBlock, band: Int) -> (low: Double, high: Double)? {
        var known: BandStatistics?
        if !dynamicRange, let statistics {
            let row = statistics[min(band, statistics.count - 1)]
            known = BandStatistics(min: row[0], max: row[1], mean: row.count > 2 ? row[2] : (row[0] + row[1]) / 2,
                                   standardDeviation: row.count > 3 ? row[3] : 0)
        } else if !dynamicRange, let service = block.statistics[band] {
            known = service
        }
        switch type {
        case 3:
            let (mean, deviation) = known.map { ($0.mean, $0.standardDeviation) } ?? block.meanAndDeviation(of: band) ?? (0, 0)
            return (mean - deviations * deviation, mean + deviations * deviation)
        case 6:
            return percentiles(block, band: band)
        default:
            if let known { return (known.min, known.max) }
            return block.range(of: band).map { (Double($0.min), Double($0.max)) }
        }
    }

    private func percentiles(_ block: PixelBlock, band: Int) -> (low: Double, high: Double)? {
        var values: [Float] = []
        values.reserveCapacity(block.count)
        for index in 0..<block.count where block.mask[index] != 0 { values.append(block.bands[band][index]) }
        guard !values.isEmpty else { return nil }
        values.sort()
        let last = values.count - 1
        let lowIndex = min(last, max(0, Int((Double(last) * minPercent / 100).rounded())))
        let highIndex = min(last, max(0, Int((Double(last) * (1 - maxPercent / 100)).rounded())))
        return (Double(values[lowIndex]), Double(values[highIndex]))
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        var output = block
        if type != 0 {
            for band in 0..<block.bandCount {
                guard let (low, high) = inputRange(block, band: band) else { continue }
                let scale: Float = high > low ? (outputMax - outputMin) / Float(high - low) : 0
                let lowFloat = Float(low), outMin = outputMin, outMax = outputMax
                let lower = min(outMin, outMax), upper = max(outMin, outMax)
                output.bands[band].withUnsafeMutableBufferPointer { values in
                    for index in values.indices {
                        values[index] = min(upper, max(lower, outMin + (values[index] - lowFloat) * scale))
                    }
                }
            }
        }
        output.statistics = output.statistics.map { _ in nil }
        return PixelTypeConversion.convert(output, to: .U8)
    }
}
