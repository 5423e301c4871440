import LayerOptions
import PixelPipeline

/// Turns the processed raster into RGBA pixels: `bandIds` pick and order the bands,
/// `pixelType` casts the values, `noData` masks pixels, then values become bytes.
///
/// Bytes: U8 values are used as they are (clamped, rounded). Any other type is stretched
/// linearly from the band's range to 0…255: the service's band statistics when the values
/// are still the service's, else the minimum and maximum of the request's own pixels. One
/// band paints grey, two paint red and green, three or more paint the first three as RGB.
/// NoData pixels (the mask, `noData`) are transparent black.
enum ImagePainter {
    static func selectBands(_ block: PixelBlock, bandIDs: [Int]?) throws(ArcGISError) -> PixelBlock {
        guard let bandIDs else { return block }
        for id in bandIDs where !(0..<block.bandCount).contains(id) {
            throw .invalid("bandIds: band \(id) does not exist; the image has \(block.bandCount) band(s), 0 to \(block.bandCount - 1)")
        }
        return block.selecting(bands: bandIDs)
    }

    /// Applies `noData`: one value for every band, or one per band.
    static func applyNoData(_ block: inout PixelBlock, values: [Double], interpretation: NoDataInterpretation) throws(ArcGISError) {
        guard values.count == 1 || values.count == block.bandCount else {
            throw .invalid("noData: \(values.count) values for an image of \(block.bandCount) band(s); give one value, or one per band")
        }
        let perBand = (0..<block.bandCount).map { Float(values.count == 1 ? values[0] : values[$0]) }
        for index in 0..<block.count where block.mask[index] != 0 {
            var matches = 0
            for band in 0..<block.bandCount where block.bands[band][index] == perBand[band] { matches += 1 }
            let isNoData = interpretation == .matchAny ? matches > 0 : matches == block.bandCount
            if isNoData { block.mask[index] = 0 }
        }
    }

    /// The RGBA raster and whether any pixel is transparent.
    static func paint(_ block: PixelBlock) -> (raster: Raster, transparent: Bool) {
        let count = block.count
        let channels = min(3, block.bandCount)
        // Which band feeds red, green and blue (nil: 0).
        let sources: [Int?] = switch channels {
        case 1: [0, 0, 0]
        case 2: [0, 1, nil]
        default: [0, 1, 2]
        }
        var pixels = [UInt8](repeating: 0, count: count * 4)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for (channel, source) in sources.enumerated() {
                guard let band = source else { continue }
                var offset: Float = 0, scale: Float = 1
                if block.pixelType != .U8 {
                    var low: Float = 0, high: Float = 255
                    if let known = block.statistics[band] {
                        low = Float(known.min); high = Float(known.max)
                    } else if let range = block.range(of: band) {
                        low = range.min; high = range.max
                    }
                    offset = low
                    scale = high > low ? 255 / (high - low) : 0
                }
                block.bands[band].withUnsafeBufferPointer { values in
                    for index in 0..<count {
                        let value = (values[index] - offset) * scale
                        buffer[index &* 4 &+ channel] = value.isNaN ? 0 : UInt8(min(255, max(0, value.rounded())))
                    }
                }
            }
        }
        var transparent = false
        pixels.withUnsafeMutableBufferPointer { buffer in
            block.mask.withUnsafeBufferPointer { mask in
                for index in 0..<count {
                    let base = index &* 4
                    if mask[index] == 0 {
                        transparent = true
                        buffer[base] = 0; buffer[base + 1] = 0; buffer[base + 2] = 0; buffer[base + 3] = 0
                    } else {
                        buffer[base + 3] = 255
                    }
                }
            }
        }
        return (Raster(width: block.width, height: block.height, pixels: pixels), transparent)
    }
}
