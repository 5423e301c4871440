import LayerOptions

/// One HTTP request exactly as Esri Leaflet would send it.
public struct PlannedRequest: Sendable, Equatable {
    /// The HTTP method.
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    /// GET (the query is in ``url``) or POST (the form is in ``body``).
    public let method: Method
    /// The full URL: for a GET with its query string; proxy prefix included.
    public let url: String
    /// The `application/x-www-form-urlencoded` body of a POST.
    public let body: String?

    /// A GET of `url`.
    public static func get(_ url: String) -> PlannedRequest { PlannedRequest(method: .get, url: url, body: nil) }

    /// A POST of `body` to `url`.
    public static func post(_ url: String, body: String) -> PlannedRequest { PlannedRequest(method: .post, url: url, body: body) }

    /// The JSON form `imagemap plan` prints: the URL string for a GET,
    /// `{"method":"POST","url":…,"body":…}` for a POST.
    public var json: JSONValue {
        switch method {
        case .get: .string(url)
        case .post: ["method": "POST", "url": .string(url), "body": .string(body ?? "")]
        }
    }
}
