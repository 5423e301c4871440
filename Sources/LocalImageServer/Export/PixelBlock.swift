import LayerOptions

/// The raster an export works on between sampling and encoding: planar `Float` bands over
/// the output grid, a data mask, the pixel type the values stand for, and what is known of
/// each band's value range.
struct PixelBlock: Sendable {
    let width: Int
    let height: Int
    /// `bands[b][row * width + column]`.
    var bands: [[Float]]
    /// 1 where the pixel holds data, 0 where it is NoData or outside every raster.
    var mask: [UInt8]
    /// The pixel type the values stand for (the service's, or a raster function's output).
    var pixelType: PixelType
    /// Per band, the range the service's statistics give (for default stretches); `nil`
    /// once a function computed new values.
    var statistics: [BandStatistics?]

    var count: Int { width * height }
    var bandCount: Int { bands.count }

    /// A block with every pixel NoData.
    static func empty(width: Int, height: Int, bandCount: Int, pixelType: PixelType, statistics: [BandStatistics?]) -> PixelBlock {
        PixelBlock(width: width, height: height,
                   bands: Array(repeating: [Float](repeating: 0, count: width * height), count: bandCount),
                   mask: [UInt8](repeating: 0, count: width * height), pixelType: pixelType, statistics: statistics)
    }

    /// Minimum and maximum of band `band` over the data pixels (`nil` when there is none):
    /// the statistics of a dynamic range adjustment (DRA).
    func range(of band: Int) -> (min: Float, max: Float)? {
        var low = Float.infinity, high = -Float.infinity
        bands[band].withUnsafeBufferPointer { values in
            mask.withUnsafeBufferPointer { mask in
                for index in 0..<values.count where mask[index] != 0 {
                    let value = values[index]
                    if value < low { low = value }
                    if value > high { high = value }
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// Mean and standard deviation of band `band` over the data pixels.
    func meanAndDeviation(of band: Int) -> (mean: Double, deviation: Double)? {
        var sum = 0.0, sumOfSquares = 0.0, count = 0
        for index in 0..<self.count where mask[index] != 0 {
            let value = Double(bands[band][index])
            sum += value
            sumOfSquares += value * value
            count += 1
        }
        guard count > 0 else { return nil }
        let mean = sum / Double(count)
        return (mean, max(0, sumOfSquares / Double(count) - mean * mean).squareRoot())
    }

    /// The block with the given bands, in that order.
    func selecting(bands indexes: [Int]) -> PixelBlock {
        PixelBlock(width: width, height: height, bands: indexes.map { bands[$0] }, mask: mask, pixelType: pixelType,
                   statistics: indexes.map { statistics[$0] })
    }
}
