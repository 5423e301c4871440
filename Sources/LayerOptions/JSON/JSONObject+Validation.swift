extension JSONValue {
    /// The value as an object, or an error at `path` saying what was `expected`.
    func object(at path: String, expected: String) throws(OptionError) -> JSONObject {
        guard case .object(let object) = self else { throw OptionError(path: path, value: self, allowed: expected) }
        return object
    }
}

extension JSONObject {
    /// Refuses the first key not in `known`; `kind` names what the keys are ("option", "key").
    func refuseUnknownKeys(_ known: [String], kind: String) throws(OptionError) {
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw OptionError(path: unknown, given: "an unknown \(kind)", allowed: "expected one of " + known.joined(separator: ", "))
        }
    }

    /// The member `key`, or an error saying it is required (`why`).
    func required(_ key: String, _ why: String) throws(OptionError) -> JSONValue {
        guard let value = self[key] else { throw OptionError(path: key, given: "nothing", allowed: why) }
        return value
    }
}
