/// A refused option value: which option (its JSON path in a map spec, e.g.
/// `layers[1].opacity`, or its name when set from Swift), the value that was given, and
/// what is allowed instead.
public struct OptionError: Error, CustomStringConvertible, Equatable {
    /// The option's name or JSON path.
    public let path: String
    /// The value as given (JSON text, shortened), or a short statement of the problem.
    public let given: String
    /// What the option accepts.
    public let allowed: String

    /// An error for the option at `path`, whose value `given` is not one of `allowed`.
    public init(path: String, given: String, allowed: String) {
        self.path = path
        self.given = given
        self.allowed = allowed
    }

    /// An error about a JSON value: its text is shown, shortened to 80 characters.
    init(path: String, value: JSONValue, allowed: String) {
        var text = value.stringified
        if text.count > 80 { text = text.prefix(77) + "..." }
        self.init(path: path, given: text, allowed: allowed)
    }

    /// The same error at a path below `parent` (`layers[1]` + `opacity` → `layers[1].opacity`).
    func nested(under parent: String) -> OptionError {
        let joined = path.isEmpty || path.hasPrefix("[") ? parent + path : parent + "." + path
        return OptionError(path: joined, given: given, allowed: allowed)
    }

    public var description: String { "\(path): \(given) is not allowed; \(allowed)" }
}
