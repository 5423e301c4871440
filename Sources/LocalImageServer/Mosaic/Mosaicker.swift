/// Combines the blocks sampled from the ordered catalog items (top-most first) into one,
/// pixel by pixel, as the mosaic operation says: first or last item with data, the
/// minimum, maximum, mean or sum over the items with data (band by band).
enum Mosaicker {
    static func combine(_ blocks: [PixelBlock], operation: MosaicOperation) -> PixelBlock? {
        guard var result = (operation == .last ? blocks.last : blocks.first) else { return nil }
        if blocks.count == 1 { return result }
        let count = result.count, bandCount = result.bandCount
        switch operation {
        case .first, .last:
            for block in (operation == .first ? blocks.dropFirst() : blocks.dropLast().reversed()[...]) {
                for index in 0..<count where result.mask[index] == 0 && block.mask[index] != 0 {
                    result.mask[index] = 1
                    for band in 0..<bandCount { result.bands[band][index] = block.bands[band][index] }
                }
            }
        case .min, .max, .mean, .sum:
            var counts = result.mask.map { Float($0) }
            for block in blocks.dropFirst() {
                for index in 0..<count where block.mask[index] != 0 {
                    if result.mask[index] == 0 {
                        result.mask[index] = 1
                        for band in 0..<bandCount { result.bands[band][index] = block.bands[band][index] }
                    } else {
                        for band in 0..<bandCount {
                            let value = block.bands[band][index], current = result.bands[band][index]
                            result.bands[band][index] = switch operation {
                            case .min: min(current, value)
                            case .max: max(current, value)
                            default: current + value
                            }
                        }
                    }
                    counts[index] += 1
                }
            }
            if operation == .mean {
                for index in 0..<count where counts[index] > 1 {
                    for band in 0..<bandCount { result.bands[band][index] /= counts[index] }
                }
            }
            // Sums leave the service's value range.
            if operation == .sum { result.statistics = result.statistics.map { _ in nil } }
        }
        return result
    }
}
