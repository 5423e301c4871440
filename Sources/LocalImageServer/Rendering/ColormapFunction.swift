import LayerOptions

/// Colormap: turns one band into RGB (U8, 3 bands). `Colormap` `[[value,r,g,b],…]` maps
/// exact (rounded) values and makes every other value NoData; `ColormapName` picks a ramp:
/// `Gray` (the value itself), `NDVI` (0…200 as the NDVI function's U8 output, or −1…1 for
/// scientific values: water blue, bare tan, vegetation yellow to dark green), `Elevation`
/// (green, yellow, brown, white over the band's range) or `Random` (a fixed colour per
/// value).
struct ColormapFunction: RasterFunction {
    enum Ramp: Sendable { case gray, ndvi, elevation, random }

    let table: [Int: (UInt8, UInt8, UInt8)]?
    let ramp: Ramp?

    /// NDVI ramp stops over 0…200 (NDVI·100 + 100).
    static let ndviStops: [(Float, Float, Float, Float)] = [
        (0, 0, 0, 139), (90, 0, 90, 200), (100, 210, 180, 140), (120, 255, 255, 0), (160, 0, 170, 0), (200, 0, 80, 0),
    ]
    /// Elevation ramp stops over 0…1 of the band's range.
    static let elevationStops: [(Float, Float, Float, Float)] = [
        (0, 0, 97, 71), (0.25, 106, 168, 79), (0.5, 232, 215, 125), (0.75, 161, 67, 0), (1, 255, 255, 255),
    ]

    init(_ arguments: JSONObject) throws(ArcGISError) {
        if case .array(let rows)? = arguments.member("Colormap") {
            var table: [Int: (UInt8, UInt8, UInt8)] = [:]
            for row in rows {
                guard case .array(let entry) = row, entry.count >= 4 else {
                    throw .invalid("renderingRule: Colormap entries must be [value, red, green, blue], got \(row.stringified)")
                }
                let numbers = entry.prefix(4).compactMap { if case .number(let n) = $0 { n } else { nil } }
                guard numbers.count == 4, let value = Int(exactly: numbers[0].rounded()) else {
                    throw .invalid("renderingRule: Colormap entries must be four numbers, got \(row.stringified)")
                }
                let channel = { (v: Double) in UInt8(max(0, min(255, v.rounded()))) }
                table[value] = (channel(numbers[1]), channel(numbers[2]), channel(numbers[3]))
            }
            self.table = table
            ramp = nil
        } else if case .string(let name)? = arguments.member("ColormapName") {
            switch name.lowercased() {
            case "gray", "grey": ramp = .gray
            case "ndvi": ramp = .ndvi
            case "elevation": ramp = .elevation
            case "random": ramp = .random
            default: throw .invalid("renderingRule: ColormapName '\(name)' is not one of Gray, NDVI, Elevation, Random")
            }
            table = nil
        } else {
            throw .invalid("renderingRule: Colormap needs Colormap ([[value,r,g,b],…]) or ColormapName (Gray, NDVI, Elevation, Random)")
        }
    }

    static func interpolate(_ stops: [(Float, Float, Float, Float)], _ position: Float) -> (Float, Float, Float) {
        guard let first = stops.first, let last = stops.last else { return (0, 0, 0) }
        if position <= first.0 { return (first.1, first.2, first.3) }
        for (a, b) in zip(stops, stops.dropFirst()) where position <= b.0 {
            let t = (position - a.0) / (b.0 - a.0)
            return (a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t, a.3 + (b.3 - a.3) * t)
        }
        return (last.1, last.2, last.3)
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        var output = PixelBlock.empty(width: block.width, height: block.height, bandCount: 3, pixelType: .U8, statistics: [nil, nil, nil])
        output.mask = block.mask
        let source = block.bands[0]
        var low: Float = 0, span: Float = 1
        if ramp == .elevation {
            if let known = block.statistics[0] {
                low = Float(known.min); span = Float(known.max - known.min)
            } else if let range = block.range(of: 0) {
                low = range.min; span = range.max - range.min
            }
            if span <= 0 { span = 1 }
        }
        let scientific = block.pixelType == .F32 || block.pixelType == .F64
        for index in 0..<block.count where block.mask[index] != 0 {
            let value = source[index]
            var rgb: (Float, Float, Float)
            if let table {
                guard value.isFinite, let color = table[Int(value.rounded())] else { output.mask[index] = 0; continue }
                rgb = (Float(color.0), Float(color.1), Float(color.2))
            } else {
                switch ramp {
                case .gray?: rgb = (value, value, value)
                case .ndvi?: rgb = Self.interpolate(Self.ndviStops, scientific ? value * 100 + 100 : value)
                case .elevation?: rgb = Self.interpolate(Self.elevationStops, (value - low) / span)
                case .random?, nil:
                    var hash = UInt32(bitPattern: Int32(truncatingIfNeeded: Int(value.rounded()))) &* 2_654_435_761
                    hash ^= hash >> 13
                    rgb = (Float(hash & 0xFF), Float((hash >> 8) & 0xFF), Float((hash >> 16) & 0xFF))
                }
            }
            output.bands[0][index] = min(255, max(0, rgb.0.rounded()))
            output.bands[1][index] = min(255, max(0, rgb.1.rounded()))
            output.bands[2][index] = min(255, max(0, rgb.2.rounded()))
        }
        return output
    }
}
