/// Minimum, maximum, mean and standard deviation of one band's data pixels: the root's
/// `minValues`/`maxValues`/`meanValues`/`stdvValues`, and the default input range of
/// stretches.
struct BandStatistics: Sendable, Equatable {
    var min: Double
    var max: Double
    var mean: Double
    var standardDeviation: Double

    /// The statistics of band `band` over every data pixel of `rasters`; all zero when
    /// there is none.
    static func compute(band: Int, rasters: [SourceRaster]) -> BandStatistics {
        var low = Double.infinity, high = -Double.infinity
        var sum = 0.0, sumOfSquares = 0.0, count = 0
        for raster in rasters {
            let values = raster.bands[band]
            let first = raster.bands[0]
            let noData = raster.noData
            values.withUnsafeBufferPointer { values in
                first.withUnsafeBufferPointer { first in
                    // Sum in Float blocks of one row, then accumulate in Double: fast and exact enough.
                    for index in 0..<values.count {
                        if let noData, first[index] == noData { continue }
                        let value = Double(values[index])
                        if value < low { low = value }
                        if value > high { high = value }
                        sum += value
                        sumOfSquares += value * value
                        count += 1
                    }
                }
            }
        }
        guard count > 0 else { return BandStatistics(min: 0, max: 0, mean: 0, standardDeviation: 0) }
        let mean = sum / Double(count)
        let variance = Swift.max(0, sumOfSquares / Double(count) - mean * mean)
        return BandStatistics(min: low, max: high, mean: mean, standardDeviation: variance.squareRoot())
    }
}
