import LayerOptions

/// Dates as epoch milliseconds (UTC), as ArcGIS's date fields and `time` hold them.
enum EpochDate {
    /// Reads a number of milliseconds, or an ISO 8601 date such as `2004-07-01`,
    /// `2004-07-01 12:30:00` or `2004-07-01T12:30:00Z` (read as `from`/`to` are); `nil` otherwise.
    static func parse(_ text: String) -> Double? {
        if let number = Double(text), number.isFinite { return number }
        return Timestamp.epochMilliseconds(iso8601: text)
    }
}
