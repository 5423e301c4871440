import LayerOptions

/// Casts values to a pixel type: clamped to its range and rounded for integer types (what
/// `pixelType` and `outputPixelType` ask for; "values outside range are truncated").
enum PixelTypeConversion {
    /// The value range of an integer type; `nil` for floating-point types.
    static func range(of type: PixelType) -> ClosedRange<Float>? {
        switch type {
        case .U1: 0...1
        case .U2: 0...3
        case .U4: 0...15
        case .U8: 0...255
        case .S8: -128...127
        case .U16: 0...65_535
        case .S16: -32_768...32_767
        case .U32: 0...Float(UInt32.max)
        case .S32: Float(Int32.min)...Float(Int32.max)
        case .F32, .F64, .C64, .C128, .UNKNOWN: nil
        }
    }

    static func convert(_ block: PixelBlock, to type: PixelType) -> PixelBlock {
        var block = block
        if let range = range(of: type) {
            for band in 0..<block.bandCount {
                block.bands[band].withUnsafeMutableBufferPointer { values in
                    for index in values.indices {
                        values[index] = min(range.upperBound, max(range.lowerBound, values[index].rounded()))
                    }
                }
            }
        }
        if type != block.pixelType && !(type == .F32 || type == .F64) {
            // Statistics of the source no longer describe clamped values of another type.
            block.statistics = block.statistics.map { statistics in
                guard let statistics, let range = range(of: type) else { return nil }
                return Double(range.lowerBound) <= statistics.min && statistics.max <= Double(range.upperBound) ? statistics : nil
            }
        }
        block.pixelType = type
        return block
    }
}
