import LayerOptions

/// A parsed `renderingRule`: a chain of raster functions, innermost (the service's image)
/// first. `{"rasterFunction":"None"}` is the identity; the `Raster` argument nests
/// another rule (`"$$"` or nothing means the service's image); `outputPixelType` clamps a
/// function's output to that type.
struct RenderingRule: Sendable {
    struct Step: Sendable {
        let name: String
        let function: (any RasterFunction)?
        let outputPixelType: PixelType?
    }

    /// Innermost first.
    let steps: [Step]

    /// The functions this server knows, for error messages.
    static let supported = "None, ExtractBand, Stretch, Colormap, Hillshade, NDVI, BandArithmetic"

    /// Parses the `renderingRule` parameter (an object).
    init(_ object: JSONObject) throws(ArcGISError) {
        var steps: [Step] = []
        var current: JSONObject? = object
        var depth = 0
        while let rule = current {
            depth += 1
            if depth > 32 { throw .invalid("renderingRule: functions nested deeper than 32 levels") }
            guard let nameValue = rule.member("rasterFunction") else {
                throw .invalid("renderingRule: \(JSONValue.object(rule).stringified) has no rasterFunction")
            }
            guard case .string(let name) = nameValue else {
                throw .invalid("renderingRule: rasterFunction must be a name, got \(nameValue.typeDescription)")
            }
            var arguments = JSONObject()
            switch rule.member("rasterFunctionArguments") {
            case .object(let given)?: arguments = given
            case nil, .null?: break
            case let value?: throw .invalid("renderingRule: rasterFunctionArguments of \(name) must be an object, got \(value.typeDescription)")
            }
            var outputPixelType: PixelType?
            if case .string(let typeName)? = rule.member("outputPixelType"), !typeName.isEmpty, typeName.uppercased() != "UNKNOWN" {
                guard let type = PixelType(rawValue: typeName.uppercased()), ![.C64, .C128].contains(type) else {
                    throw .invalid("renderingRule: outputPixelType '\(typeName)' of \(name) is not one of U1, U2, U4, U8, S8, U16, S16, U32, S32, F32, F64")
                }
                outputPixelType = type
            }
            let function: (any RasterFunction)?
            switch name.lowercased() {
            case "none", "": function = nil
            case "extractband": function = try ExtractBandFunction(arguments)
            case "stretch": function = try StretchFunction(arguments)
            case "colormap": function = try ColormapFunction(arguments)
            case "hillshade": function = try HillshadeFunction(arguments)
            case "ndvi": function = try NDVIFunction(arguments)
            case "bandarithmetic": function = try BandArithmeticFunction(arguments)
            default:
                throw .invalid("renderingRule: raster function '\(name)' is not supported by this server; use one of \(RenderingRule.supported)")
            }
            steps.append(Step(name: name, function: function, outputPixelType: outputPixelType))
            switch arguments.member("Raster") {
            case .object(let inner)?: current = inner
            case nil, .null?, .string?: current = nil
            case let value?: throw .invalid("renderingRule: the Raster argument of \(name) must be a rule object or \"$$\", got \(value.typeDescription)")
            }
        }
        self.steps = steps.reversed()
    }

    /// Whether the rule changes nothing (only None functions).
    var isIdentity: Bool { steps.allSatisfy { $0.function == nil && $0.outputPixelType == nil } }

    /// Runs the chain over `block`.
    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        var block = block
        for step in steps {
            if let function = step.function { block = try function.apply(to: block, context: context) }
            if let type = step.outputPixelType { block = PixelTypeConversion.convert(block, to: type) }
        }
        return block
    }
}
