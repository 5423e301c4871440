import LayerOptions

/// Pixel values as identify writes them: integers without a fraction, floats in their
/// shortest form (`12.5`, `1234.5677`), and the literal `NoData`.
enum PixelValueFormat {
    static let noData = "NoData"

    static func string(_ value: Float, pixelType: PixelType) -> String {
        guard value.isFinite else { return noData }
        if PixelTypeConversion.range(of: pixelType) != nil || value.rounded() == value, abs(value) < 1e15 {
            return String(Int64(value.rounded()))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Band values joined by `separator` (`", "` for the mosaicked value, `" "` per item).
    static func string(_ values: [Float]?, pixelType: PixelType, bandCount: Int, separator: String) -> String {
        guard let values else {
            return separator == ", " ? noData : Array(repeating: noData, count: bandCount).joined(separator: separator)
        }
        return values.map { string($0, pixelType: pixelType) }.joined(separator: separator)
    }
}
