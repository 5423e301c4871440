import LayerOptions

/// BandArithmetic (output F32, values as computed). `Method` 0 evaluates the expression in
/// `BandIndexes` (`(B4 - B1)/(B4 + B1)`: bands 1-based, numbers, + − × ÷, parentheses);
/// the named methods take 1-based band numbers in `BandIndexes`:
/// 1 NDVI "NIR Red", 2 SAVI "NIR Red L", 10 GNDVI "NIR Green", 11 SR "NIR Red",
/// 18 NDWI "Green NIR". Pixels whose result is not finite (a division by zero) are NoData.
struct BandArithmeticFunction: RasterFunction {
    let expression: BandExpression
    let method: Int

    init(_ arguments: JSONObject) throws(ArcGISError) {
        let method = Int(try Self.number(arguments, "Method", function: "BandArithmetic", default: 0))
        self.method = method
        guard case .string(let text)? = arguments.member("BandIndexes") else {
            throw .invalid("renderingRule: BandArithmetic needs BandIndexes, a string such as \"4 1\" or \"(B4 - B1)/(B4 + B1)\"")
        }
        let numbers = text.split(separator: " ").compactMap { Double($0) }
        func bands(_ count: Int, _ meaning: String) throws(ArcGISError) -> [Double] {
            guard numbers.count == count else {
                throw .invalid("renderingRule: BandArithmetic Method \(method) needs BandIndexes \"\(meaning)\" (1-based), got '\(text)'")
            }
            return numbers
        }
        let source: String
        switch method {
        case 0: source = text
        case 1, 11:
            let b = try bands(2, "NIR Red")
            source = method == 1 ? "(B\(Int(b[0])) - B\(Int(b[1]))) / (B\(Int(b[0])) + B\(Int(b[1])))" : "B\(Int(b[0])) / B\(Int(b[1]))"
        case 2:
            let b = try bands(3, "NIR Red L")
            source = "(B\(Int(b[0])) - B\(Int(b[1]))) / (B\(Int(b[0])) + B\(Int(b[1])) + \(b[2])) * (1 + \(b[2]))"
        case 10:
            let b = try bands(2, "NIR Green")
            source = "(B\(Int(b[0])) - B\(Int(b[1]))) / (B\(Int(b[0])) + B\(Int(b[1])))"
        case 18:
            let b = try bands(2, "Green NIR")
            source = "(B\(Int(b[0])) - B\(Int(b[1]))) / (B\(Int(b[0])) + B\(Int(b[1])))"
        default:
            throw .invalid("renderingRule: BandArithmetic Method \(method) is not supported; use 0 (expression), 1 (NDVI), 2 (SAVI), 10 (GNDVI), 11 (SR) or 18 (NDWI)")
        }
        expression = try BandExpression(source)
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        if let band = expression.bands.first(where: { !(1...block.bandCount).contains($0) }) {
            throw .invalid("renderingRule: BandArithmetic band B\(band) does not exist; its input has \(block.bandCount) band(s), B1 to B\(block.bandCount)")
        }
        var output = PixelBlock.empty(width: block.width, height: block.height, bandCount: 1, pixelType: .F32, statistics: [nil])
        output.mask = block.mask
        let values = expression.evaluate(block)
        for index in 0..<block.count where block.mask[index] != 0 {
            if values[index].isFinite { output.bands[0][index] = values[index] } else { output.mask[index] = 0 }
        }
        return output
    }
}
