/// Why a request to an Image Service failed. Every URL in an error has its token
/// redacted (`token=<redacted>`); every message says what was asked, what came back and
/// what to do.
public enum ImageServiceClientError: Error, CustomStringConvertible, Equatable {
    /// The service answered with an ArcGIS error envelope `{"error":{"code","message","details"}}`
    /// (under any HTTP status, 200 included).
    case service(url: String, code: Int, message: String, details: [String])
    /// A status outside 200–299 without an ArcGIS error in the body, after the retries
    /// that the status allows (429 and 5xx are retried).
    case httpStatus(url: String, status: Int, contentType: String?, bodyPreview: String, attempts: Int)
    /// The body was not what the operation expects (`expected` is e.g. "a PNG or JPEG
    /// image" or "JSON"): HTML, text, an empty body, unparsable JSON or JSON without `href`.
    case unexpectedBody(url: String, expected: String, contentType: String?, bodyPreview: String)
    /// No answer within the per-request timeout.
    case timedOut(url: String, timeout: Duration)
    /// The connection failed (refused, reset, closed early) on every attempt.
    case connectionFailed(url: String, attempts: Int, reason: String)
    /// The service asked to wait longer (`Retry-After`) than the client may wait.
    case retryAfterTooLong(url: String, retryAfterSeconds: Int, maximumSeconds: Int)
    /// The service requires a token (498/499) and none could be obtained, or it refused a
    /// renewed one.
    case authenticationFailed(url: String, code: Int, reason: String)
    /// The URL could not be turned into an HTTP request.
    case invalidURL(url: String, reason: String)
    /// The response was larger than ``ImageServiceClient/Configuration/maximumResponseBytes``.
    case responseTooLarge(url: String, limit: Int)
    /// The task was cancelled; the HTTP request was cancelled with it.
    case cancelled(url: String)
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case let .service(url, code, message, details):
            let detail = details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")"
            return "the Image Service at \(url) answered with error \(code): \(message.isEmpty ? "no message" : message)\(detail); "
                + Self.advice(forServiceCode: code)
        case let .httpStatus(url, status, contentType, preview, attempts):
            let tried = attempts > 1 ? " after \(attempts) attempts" : ""
            return "\(url) answered HTTP \(status)\(tried) (content type \(contentType ?? "none"), body \(Self.quoted(preview))); "
                + Self.advice(forStatus: status)
        case let .unexpectedBody(url, expected, contentType, preview):
            return "\(url) was expected to return \(expected) but returned content type \(contentType ?? "none") starting with "
                + "\(Self.quoted(preview)); check that the URL names an ArcGIS ImageServer (…/rest/services/Name/ImageServer) "
                + "and that no proxy or login page is answering instead"
        case let .timedOut(url, timeout):
            return "\(url) did not answer within \(Self.seconds(timeout)); the service may be overloaded or the image too large: "
                + "raise the timeout (Configuration.timeout) or request a smaller image"
        case let .connectionFailed(url, attempts, reason):
            return "could not connect to \(url) (\(reason)) after \(attempts) attempt\(attempts == 1 ? "" : "s"); "
                + "check that the host and port are right and the service is running"
        case let .retryAfterTooLong(url, retryAfter, maximum):
            return "\(url) is rate-limited and asked to retry after \(retryAfter) s, longer than the \(maximum) s the client waits; "
                + "try again later or raise Configuration.maximumRetryDelay"
        case let .authenticationFailed(url, code, reason):
            return "\(url) requires a valid token (error \(code)): \(reason); pass a token in the layer options, "
                + "a tokenProvider in the client configuration, or call authenticate(_:service:) when authenticationrequired fires"
        case let .invalidURL(url, reason):
            return "\(url) is not a URL the client can request (\(reason)); use an http(s) URL with a host"
        case let .responseTooLarge(url, limit):
            return "\(url) returned more than \(limit) bytes; request a smaller image or raise Configuration.maximumResponseBytes"
        case let .cancelled(url):
            return "the request to \(url) was cancelled"
        case .shutDown:
            return "the ImageServiceClient was shut down; create a new client to send requests"
        }
    }

    private static func advice(forServiceCode code: Int) -> String {
        switch code {
        case 498, 499: "pass a valid token"
        case 400: "check the request's parameters (rendering rule, mosaic rule, bandIds, size)"
        case 403: "the service does not allow this operation for this user; check its capabilities and the token's privileges"
        case 404: "check the service URL"
        default: "check the service's logs or try again later"
        }
    }

    private static func advice(forStatus status: Int) -> String {
        switch status {
        case 401, 403: "the service refused access; check the token or the proxy's credentials"
        case 404: "check the service URL"
        case 429: "the service is rate-limiting; try again later"
        case 500...599: "the service failed; try again later or check the service's logs"
        default: "check the service URL and the request"
        }
    }

    private static func quoted(_ preview: String) -> String { preview.isEmpty ? "(empty)" : "\"\(preview)\"" }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(milliseconds) ms"
    }
}
