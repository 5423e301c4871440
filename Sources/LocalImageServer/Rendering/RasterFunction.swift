import LayerOptions

/// One raster function of a rendering rule: built from its `rasterFunctionArguments`,
/// applied to the block its `Raster` argument produced.
protocol RasterFunction: Sendable {
    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock
}

/// What functions need beyond their input: the ground size of a cell (for slopes) and the
/// service's bands.
struct RenderingContext: Sendable {
    /// Cell size in metres (x, y).
    let cellSize: (x: Double, y: Double)
    let bandNames: [String]
}

extension RasterFunction {
    /// A number argument, or `fallback` when absent.
    static func number(_ arguments: JSONObject, _ name: String, function: String, default fallback: Double) throws(ArcGISError) -> Double {
        switch arguments.member(name) {
        case nil, .null?: return fallback
        case .number(let value)?: return value
        case .string(let text)?:
            guard let value = Double(text.trimmingWhitespace) else { throw .invalid("renderingRule: \(function) \(name) '\(text)' is not a number") }
            return value
        case let value?: throw .invalid("renderingRule: \(function) \(name) must be a number, got \(value.typeDescription)")
        }
    }

    /// Band indexes: a JSON array of numbers or a string of numbers separated by commas or spaces.
    static func indexes(_ value: JSONValue, name: String, function: String) throws(ArcGISError) -> [Int] {
        var numbers: [Double] = []
        switch value {
        case .array(let elements):
            for element in elements {
                guard case .number(let number) = element else { throw .invalid("renderingRule: \(function) \(name) must hold numbers") }
                numbers.append(number)
            }
        case .number(let number): numbers = [number]
        case .string(let text):
            let parts = text.split(whereSeparator: { $0 == "," || $0 == " " })
            for part in parts {
                guard let number = Double(part) else { throw .invalid("renderingRule: \(function) \(name) '\(text)' is not a list of band numbers") }
                numbers.append(number)
            }
        default: throw .invalid("renderingRule: \(function) \(name) must be an array of band numbers")
        }
        var result: [Int] = []
        for number in numbers {
            guard let index = Int(exactly: number) else { throw .invalid("renderingRule: \(function) \(name) must hold whole band numbers") }
            result.append(index)
        }
        return result
    }

    /// Checks that every 0-based index names a band of `block`.
    static func check(_ indexes: [Int], in block: PixelBlock, name: String, function: String) throws(ArcGISError) {
        for index in indexes where !(0..<block.bandCount).contains(index) {
            throw .invalid("renderingRule: \(function) \(name) \(index) does not exist; its input has \(block.bandCount) band(s), 0 to \(block.bandCount - 1)")
        }
    }
}
