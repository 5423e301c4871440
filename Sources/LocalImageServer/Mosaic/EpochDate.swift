/// Dates as epoch milliseconds (UTC), as ArcGIS's date fields and `time` hold them.
enum EpochDate {
    /// Reads `2004-07-01`, `2004-07-01 12:30:00`, `2004-07-01T12:30:00Z` or a number of
    /// milliseconds; `nil` otherwise.
    static func parse(_ text: String) -> Double? {
        if let number = Double(text), number.isFinite { return number }
        let scalars = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard scalars.count >= 10, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = 0
        if scalars.count > 10 {
            guard scalars.count >= 19, scalars[10] == UInt8(ascii: " ") || scalars[10] == UInt8(ascii: "T"),
                  let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
                  hour < 24, minute < 60, second < 61 else { return nil }
            let rest = scalars[19...]
            guard rest.isEmpty || rest.elementsEqual("Z".utf8) else { return nil }
            seconds = hour * 3600 + minute * 60 + second
        }
        return Double(daysFromCivil(year: year, month: month, day: day) * 86_400 + seconds) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
