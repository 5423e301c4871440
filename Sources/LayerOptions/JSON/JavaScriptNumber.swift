/// Formats numbers exactly as JavaScript's `String(number)` does (ECMAScript
/// Number::toString): the shortest digits that round-trip, `100` rather than `100.0`,
/// plain notation for exponents from -7 to 20, and `1e-7` / `1e+21` outside them.
public enum JavaScriptNumber {
    /// The text JavaScript gives for `value`. NaN and the infinities become `NaN`,
    /// `Infinity` and `-Infinity`; negative zero becomes `0`.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + layout(digits: digits, pointPosition: pointPosition)
    }

    /// The shortest round-trip decimal digits of a positive finite `value` and `n`, such
    /// that `value = 0.d₁d₂…d_k × 10ⁿ`. Swift's `description` already yields the shortest
    /// round-trip digits; only their layout differs from JavaScript's.
    static func shortestDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var digits: [UInt8] = []
        var digitsBeforePoint = 0
        var seenPoint = false
        for character in parts[0].utf8 {
            if character == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(character - UInt8(ascii: "0"))
                if !seenPoint { digitsBeforePoint += 1 }
            }
        }
        var pointPosition = digitsBeforePoint + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Number::toString's steps 6–10 for digits `s` (k of them) and point position `n`.
    static func layout(digits: [UInt8], pointPosition n: Int) -> String {
        let k = digits.count
        let text = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if k <= n && n <= 21 {
            return text + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let split = text.index(text.startIndex, offsetBy: n)
            return text[..<split] + "." + text[split...]
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + text
        }
        let exponent = n - 1
        let exponentText = (exponent < 0 ? "-" : "+") + String(exponent.magnitude)
        if k == 1 { return text + "e" + exponentText }
        return text.prefix(1) + "." + text.dropFirst() + "e" + exponentText
    }
}
