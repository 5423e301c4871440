/// A JSON value that keeps what JavaScript keeps: object members in a JavaScript
/// object's order (see ``JSONObject``; duplicate keys keep their first position and their
/// last value, as `JSON.parse` does) and numbers as IEEE doubles.
///
/// Rendering and mosaic rules are carried as `JSONValue`s so that a rule serializes to the
/// same bytes Esri Leaflet's `JSON.stringify` would send.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The name of the value's JSON type, for error messages ("a number", "an object", ...).
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The members of a JSON object, ordered as a JavaScript object orders its properties:
/// keys that are array indices (`"0"`, `"2"`, `"10"`, but not `"01"` or `"-1"`) first, in
/// ascending numeric order, then every other key in insertion order. `JSON.stringify`
/// and `for…in` follow that order, so Esri Leaflet's requests do too.
public struct JSONObject: Sendable, Equatable {
    /// One `"key": value` member.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in JavaScript's property order.
    public private(set) var members: [Member]

    /// An object with the given members; a repeated key keeps its first position and its
    /// last value.
    public init(_ members: [Member] = []) {
        self.members = []
        for member in members { self[member.key] = member.value }
    }

    /// `key`'s value, or `nil`. Setting an existing key keeps its position; setting a new
    /// key appends it (an array-index key goes to its numeric place among the other
    /// array-index keys, which come first); setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): members[index].value = value
            case let (index?, nil): members.remove(at: index)
            case let (nil, value?):
                let member = Member(key: key, value: value)
                if let index = JSONObject.arrayIndex(key) {
                    let position = members.firstIndex { JSONObject.arrayIndex($0.key).map { $0 > index } ?? true }
                    members.insert(member, at: position ?? members.endIndex)
                } else {
                    members.append(member)
                }
            case (nil, nil): break
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The key's value as an ECMAScript array index: the canonical decimal form of an
    /// integer from 0 to 2³² − 2; `nil` for any other key.
    static func arrayIndex(_ key: String) -> UInt32? {
        guard let value = UInt32(key), value != UInt32.max, String(value) == key else { return nil }
        return value
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// `["a": 1, "b": 2]` keeps the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}
