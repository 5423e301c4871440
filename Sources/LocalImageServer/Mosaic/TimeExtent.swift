/// The `time` parameter: an instant `t` or a range `t1,t2` in epoch milliseconds, either end
/// `null` (open).
struct TimeExtent: Sendable, Equatable {
    var start: Double?
    var end: Double?

    /// Reads `1088640000000`, `1088640000000,1091318399999`, `null,1091318399999`, …
    static func parse(_ text: String) throws(ArcGISError) -> TimeExtent {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
        func value(_ part: String) throws(ArcGISError) -> Double? {
            if part.lowercased() == "null" { return nil }
            guard let number = Double(part), number.isFinite else {
                throw .invalid("time: '\(text)' is not an epoch-milliseconds instant or range 't1,t2' (null for an open end)")
            }
            return number
        }
        switch parts.count {
        case 1:
            let instant = try value(parts[0])
            return TimeExtent(start: instant, end: instant)
        case 2:
            let extent = TimeExtent(start: try value(parts[0]), end: try value(parts[1]))
            if let start = extent.start, let end = extent.end, start > end {
                throw .invalid("time: '\(text)' ends before it starts")
            }
            return extent
        default:
            throw .invalid("time: '\(text)' is not an epoch-milliseconds instant or range 't1,t2' (null for an open end)")
        }
    }

    /// Whether an item's `[start, end]` overlaps this extent.
    func overlaps(start itemStart: Double, end itemEnd: Double) -> Bool {
        (start.map { itemEnd >= $0 } ?? true) && (end.map { itemStart <= $0 } ?? true)
    }
}
