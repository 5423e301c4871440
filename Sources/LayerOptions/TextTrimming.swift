extension StringProtocol {
    /// The text without leading and trailing whitespace, as JavaScript's `String.prototype.trim`.
    var trimmingSpaces: String {
        String(String(drop(while: \.isWhitespace).reversed()).drop(while: \.isWhitespace).reversed())
    }
}
