/// exportImage's `noData`: the pixel value(s) the server should make transparent, and the
/// values the compositor compares bands against.
///
/// Esri Leaflet keeps a number given to the constructor as a number (so `0` is sent as
/// `noData=0`: zero is a real value), joins an array into text (`[58, 128, 187]` →
/// `"58,128,187"`), and stores whatever `setNoData` receives as text.
public enum NoDataValue: Sendable, Equatable {
    /// One value for every band, kept as a number.
    case number(Double)
    /// Text: one value, or one per band separated by commas.
    case text(String)

    /// Values from an array, one per band: `[58, 128, 187]` → `.text("58,128,187")`.
    public init(_ values: [Double]) throws(OptionError) {
        guard !values.isEmpty else {
            throw OptionError(path: "noData", given: "[]", allowed: "give one value, or one value per band, e.g. [0, 0, 0]")
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw OptionError(path: "noData", given: String(bad), allowed: "noData values must be finite numbers")
        }
        self = .text(values.map(JavaScriptNumber.string).joined(separator: ","))
    }

    /// Values from text such as `"0"` or `"58,128,187"`.
    public init(parsing text: String) throws(OptionError) {
        guard NoDataValue.parse(text) != nil else {
            throw OptionError(path: "noData", value: .string(text),
                              allowed: "expected a number or comma-separated numbers, one per band, e.g. \"58,128,187\"")
        }
        self = .text(text)
    }

    /// One number for every band.
    public init(_ value: Double) throws(OptionError) {
        guard value.isFinite else {
            throw OptionError(path: "noData", given: String(value), allowed: "noData must be a finite number")
        }
        self = .number(value)
    }

    /// The value of the `noData` request parameter: the number as JavaScript writes it, or the text.
    public var parameterText: String {
        switch self {
        case .number(let value): JavaScriptNumber.string(value)
        case .text(let text): text
        }
    }

    /// The values, one for all bands or one per band.
    public var values: [Double] {
        switch self {
        case .number(let value): [value]
        case .text(let text): NoDataValue.parse(text) ?? []
        }
    }

    private static func parse(_ text: String) -> [Double]? {
        var values: [Double] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Double(item.trimmingSpaces), value.isFinite else { return nil }
            values.append(value)
        }
        return values
    }
}
