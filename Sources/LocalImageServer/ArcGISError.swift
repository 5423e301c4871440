import LayerOptions

/// An ArcGIS error answer, `{"error":{"code":…,"message":…,"details":[…]}}`.
///
/// Every failure of an operation of ``LocalImageService`` is one of these; `details` says
/// which parameter was wrong and why, so that a user can fix the request.
public struct ArcGISError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ArcGIS error code: 400 for bad input, 404 for something not found, 500 for a
    /// failure of the server itself.
    public let code: Int
    /// The short message ("Invalid or missing input parameters.").
    public let message: String
    /// What exactly was wrong, one sentence per problem.
    public let details: [String]

    /// An error with the given code, message and details.
    public init(code: Int, message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// The envelope as ArcGIS writes it: `{"error":{"code":400,"message":"…","details":["…"]}}`.
    public var json: JSONValue {
        ["error": ["code": .number(Double(code)), "message": .string(message), "details": .array(details.map { .string($0) })]]
    }

    /// `code: message (details)`.
    public var description: String {
        details.isEmpty ? "\(code): \(message)" : "\(code): \(message) (\(details.joined(separator: "; ")))"
    }

    /// A 400 "Invalid or missing input parameters." whose detail names the parameter.
    static func invalid(_ detail: String) -> ArcGISError {
        ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: [detail])
    }

    /// A 400 for a parameter value this server does not support.
    static func unsupported(_ detail: String) -> ArcGISError {
        ArcGISError(code: 400, message: "Unable to complete operation.", details: [detail])
    }

    /// A 500 for a failure of the server itself (an encoder failing).
    static func internalFailure(_ detail: String) -> ArcGISError {
        ArcGISError(code: 500, message: "Error exporting image", details: [detail])
    }
}
