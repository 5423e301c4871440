import Foundation
import LayerOptions

/// Who may ask a secured local Image Service for a token, and how long tokens last.
///
/// With a configuration, the server requires a token on every `/arcgis/rest/services` request
/// and on every exported image it serves (ArcGIS's token-based security, reference §7).
/// Clients get one from `POST /arcgis/tokens/generateToken` with a username and password.
///
/// The file `imagemap serve --tokens FILE` reads is JSON:
/// ```json
/// { "users": [ { "username": "alice", "password": "wonderland" } ],
///   "tokenMinutes": 60 }
/// ```
/// `tokenMinutes` (default 60, from 1 to 525600, a year) is the lifetime of a token whose
/// request names no `expiration`, and the longest lifetime granted to one that does.
public struct TokenConfiguration: Sendable, Equatable {
    /// One account: a username and its password, compared exactly.
    public struct User: Sendable, Equatable {
        /// The name sent as `username`.
        public var username: String
        /// The password sent as `password`.
        public var password: String

        /// An account.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// The accounts; at least one.
    public var users: [User]
    /// Default and longest token lifetime, in minutes.
    public var tokenMinutes: Int

    /// A configuration of these accounts and token lifetime.
    public init(users: [User], tokenMinutes: Int = 60) {
        self.users = users
        self.tokenMinutes = tokenMinutes
    }

    /// Reads the JSON file described above, refusing (with the file's path and what was
    /// wrong) a missing file, bad JSON, no users, a user without a non-empty username and
    /// password, a repeated username, or a `tokenMinutes` that is not a whole number of
    /// minutes from 1 to 525600.
    public init(contentsOfFile path: String) throws(TokenConfigurationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenConfigurationError(path: path, problem: "cannot be read (does it exist?)")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse([UInt8](data))
        } catch {
            throw TokenConfigurationError(path: path, problem: error.description)
        }
        do {
            try self.init(json: json)
        } catch {
            throw TokenConfigurationError(path: path, problem: error.problem)
        }
    }

    /// Reads the configuration from parsed JSON of the file's shape.
    public init(json: JSONValue) throws(TokenConfigurationError) {
        func fail(_ problem: String) -> TokenConfigurationError { TokenConfigurationError(path: nil, problem: problem) }
        guard case .object(let root) = json else { throw fail("the top level must be an object, found \(json.typeDescription)") }
        guard case .array(let entries)? = root["users"] else {
            throw fail("\"users\" must be an array of {\"username\": ..., \"password\": ...}")
        }
        var users: [User] = []
        for (index, entry) in entries.enumerated() {
            guard case .object(let object) = entry,
                case .string(let username)? = object["username"], !username.isEmpty,
                case .string(let password)? = object["password"], !password.isEmpty
            else {
                throw fail("users[\(index)] must have a non-empty string \"username\" and \"password\"")
            }
            if users.contains(where: { $0.username == username }) {
                throw fail("users[\(index)]: the username \"\(username)\" is repeated")
            }
            users.append(User(username: username, password: password))
        }
        guard !users.isEmpty else { throw fail("\"users\" is empty; name at least one user") }
        var minutes = 60
        if let value = root["tokenMinutes"] {
            guard case .number(let number) = value, number == number.rounded(), number >= 1, number <= 525_600 else {
                throw fail("\"tokenMinutes\" must be a whole number of minutes from 1 to 525600, found \(value.stringified)")
            }
            minutes = Int(number)
        }
        self.init(users: users, tokenMinutes: minutes)
    }
}

/// A token file that could not be used: where, and what was wrong.
public struct TokenConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The file, when read from one.
    public let path: String?
    /// What was wrong.
    public let problem: String

    public var description: String {
        (path.map { "token file \($0): " } ?? "token configuration: ") + problem
    }
}
