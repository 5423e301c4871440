/// Why a catalog folder could not be loaded: which service file, what was wrong, and what
/// to do about it.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The catalog file (or folder) at fault.
    public let path: String
    /// What was wrong and how to fix it.
    public let reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "catalog \(path): \(reason)" }
}
