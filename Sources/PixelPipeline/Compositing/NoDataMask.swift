import LayerOptions

/// Which pixels of a layer are NoData and so transparent, as ArcGIS's exportImage
/// `noData` and `noDataInterpretation` parameters say.
///
/// Only R, G and B are compared; alpha never is. A value that is not an integer in
/// 0...255 (-9999, 0.5, NaN) can never equal an 8-bit band, so its band never matches.
/// With ``NoDataInterpretation/matchAny`` a pixel is NoData when any compared band
/// equals its value; with ``NoDataInterpretation/matchAll`` when all three do.
public struct NoDataMask: Sendable, Hashable {
    /// The noData values.
    public enum Values: Sendable, Hashable {
        /// One value that every band is compared with (`noData=0`).
        case everyBand(Double)
        /// One value per band, in band order R, G, B (`noData=58,128,187`). Values past the
        /// third are ignored; a band with no value in the list never matches.
        case perBand([Double])
    }

    /// The values the bands are compared with.
    public var values: Values
    /// How the bands' matches combine.
    public var interpretation: NoDataInterpretation

    /// One value for every band; the interpretation defaults to MatchAny, as ArcGIS's does
    /// for a single value.
    public init(value: Double, interpretation: NoDataInterpretation = .matchAny) {
        self.values = .everyBand(value)
        self.interpretation = interpretation
    }

    /// One value per band; the interpretation defaults to MatchAll, as ArcGIS's does for a
    /// list.
    public init(perBand values: [Double], interpretation: NoDataInterpretation = .matchAll) {
        self.values = .perBand(values)
        self.interpretation = interpretation
    }

    /// The 8-bit value that R, G and B are each compared with; -1 where none can match.
    var bandValues: (Int32, Int32, Int32) {
        switch values {
        case .everyBand(let value):
            let byte = Self.byteValue(value)
            return (byte, byte, byte)
        case .perBand(let list):
            func band(_ index: Int) -> Int32 { index < list.count ? Self.byteValue(list[index]) : -1 }
            return (band(0), band(1), band(2))
        }
    }

    /// `value` when it is an integer in 0...255, else -1 (no 8-bit band equals it).
    static func byteValue(_ value: Double) -> Int32 {
        guard value >= 0, value <= 255, value.rounded(.towardZero) == value else { return -1 }
        return Int32(value)
    }
}

extension NoDataMask {
    /// The mask for a layer's `noData` option as LayerOptions reads it: one value is compared
    /// with every band (MatchAny unless `interpretation` says otherwise), several values one
    /// per band (MatchAll unless it says otherwise), as ArcGIS defaults them.
    public init(_ noData: NoDataValue, interpretation: NoDataInterpretation? = nil) {
        let values = noData.values
        if values.count == 1 {
            self.init(value: values[0], interpretation: interpretation ?? .matchAny)
        } else {
            self.init(perBand: values, interpretation: interpretation ?? .matchAll)
        }
    }
}
