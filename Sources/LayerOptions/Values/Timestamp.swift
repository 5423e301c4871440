import Foundation

/// Reads the instants of `from` / `to`: epoch milliseconds, or ISO 8601 text in the
/// forms JavaScript's `Date` parses (`2014-01-09`, `2014-01-09T08:00Z`,
/// `2014-01-09T08:00:00.000-08:00`). A date-time without an offset is read as UTC
/// (a browser would read it in its own time zone, which a server has no sensible choice of).
public enum Timestamp {
    /// The latest instant JavaScript's `Date` can hold: ±8.64e15 ms.
    public static let limitMilliseconds = 8.64e15

    /// The `Date` for a JSON value: a number of epoch milliseconds or an ISO 8601 string.
    static func date(from value: JSONValue, path: String) throws(OptionError) -> Date {
        let allowed = "expected epoch milliseconds or an ISO 8601 date such as \"2014-01-09\" or \"2014-01-09T08:00:00Z\""
        switch value {
        case .number(let milliseconds) where milliseconds.magnitude <= limitMilliseconds:
            return Date(timeIntervalSince1970: milliseconds.rounded(.towardZero) / 1000)
        case .string(let text):
            guard let milliseconds = epochMilliseconds(iso8601: text) else {
                throw OptionError(path: path, value: value, allowed: allowed)
            }
            return Date(timeIntervalSince1970: milliseconds / 1000)
        default:
            throw OptionError(path: path, value: value, allowed: allowed)
        }
    }

    /// A date's value as JavaScript's `Date.valueOf()` gives it: whole epoch milliseconds.
    public static func epochMilliseconds(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1000).rounded()
    }

    /// Parses `YYYY[-MM[-DD]][THH:mm[:ss[.sss]]][Z|±HH:mm]` (a space may stand for the
    /// `T`) as epoch milliseconds; `nil` when it is not that.
    public static func epochMilliseconds(iso8601 text: String) -> Double? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4) else { return nil }
        var month = 1, day = 1
        if scanner.take("-") {
            guard let value = scanner.number(digits: 2), (1...12).contains(value) else { return nil }
            month = value
            if scanner.take("-") {
                guard let value = scanner.number(digits: 2), (1...daysIn(month: month, year: year)).contains(value) else { return nil }
                day = value
            }
        }
        var milliseconds = 0.0
        if scanner.take("T") || scanner.take(" ") {
            guard let hour = scanner.number(digits: 2), hour <= 24, scanner.take(":"),
                  let minute = scanner.number(digits: 2), minute < 60 else { return nil }
            var second = 0, fraction = 0
            if scanner.take(":") {
                guard let value = scanner.number(digits: 2), value < 60 else { return nil }
                second = value
                if scanner.take(".") {
                    guard let digits = scanner.fraction() else { return nil }
                    fraction = digits
                }
            }
            if hour == 24 && (minute, second, fraction) != (0, 0, 0) { return nil }
            milliseconds = Double(((hour * 60 + minute) * 60 + second) * 1000 + fraction)
            if scanner.take("Z") {
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(digits: 2), offsetHours < 24, scanner.take(":"),
                      let offsetMinutes = scanner.number(digits: 2), offsetMinutes < 60 else { return nil }
                milliseconds -= Double(sign * (offsetHours * 60 + offsetMinutes) * 60_000)
            }
        }
        guard scanner.atEnd else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400_000 + milliseconds
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII text for the timestamp parser.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func number(digits count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// Fractional seconds as whole milliseconds (digits past the third are dropped, as JavaScript does).
    mutating func fraction() -> Int? {
        var digits: [Int] = []
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            digits.append(Int(bytes[index] - UInt8(ascii: "0")))
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        let padded = (digits + [0, 0, 0]).prefix(3)
        return padded.reduce(0) { $0 * 10 + $1 }
    }
}
