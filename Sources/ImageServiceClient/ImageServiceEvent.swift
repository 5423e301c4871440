import LayerOptions

/// The events Esri Leaflet's `Service` fires, with its names and payloads. They are
/// delivered to ``ImageServiceClient/Configuration/eventHandler`` synchronously, on the
/// task that sends the request, in the order they happen.
///
/// As in Esri Leaflet: `url` is the service URL plus the operation's path, without the
/// proxy and without a query (`https://host/…/ImageServer/exportImage`); `params` is the
/// parameter object (with `token` set to `<redacted>` when one was sent); `method` is
/// the service method Esri Leaflet would call: `"get"` for metadata, `"request"` for
/// identify, query and an `f=json` export. An `f=image` export (an `<img>` in Esri
/// Leaflet, which fires no service events) is reported with `"get"`.
///
/// A request that fails with 498/499 fires `authenticationrequired`, then `requesterror`
/// and `requestend`; when it is replayed after ``ImageServiceClient/authenticate(_:service:)``
/// it fires `requeststart` again. An `f=json` export's `requestsuccess` (carrying the
/// service's JSON) fires once the image its `href` names has been fetched too, so that a
/// failure to fetch the image is a `requesterror` of the export.
public enum ImageServiceEvent: Sendable {
    /// `requeststart` {url, params, method}.
    case requestStart(url: String, params: JSONObject, method: String)
    /// `requestsuccess` {url, params, response, method}. `response` is the JSON the
    /// service returned, or for an image `{"contentType":…, "format":"png"|"jpeg", "bytes":N}`.
    case requestSuccess(url: String, params: JSONObject, response: JSONValue, method: String)
    /// `requesterror` {url, params, message, code, method}. `code` is the ArcGIS error
    /// code, the HTTP status, or 500 for a transport failure (as Esri Leaflet's
    /// "XMLHttpRequest error").
    case requestError(url: String, params: JSONObject, message: String, code: Int, method: String)
    /// `requestend` {url, params, method}.
    case requestEnd(url: String, params: JSONObject, method: String)
    /// `authenticationrequired` {authenticate}: call `authenticate(token)` to store the
    /// token for this service and replay the queued requests.
    case authenticationRequired(authenticate: @Sendable (String) -> Void)

    /// Esri Leaflet's event name: `requeststart`, `requestsuccess`, `requesterror`,
    /// `requestend` or `authenticationrequired`.
    public var name: String {
        switch self {
        case .requestStart: "requeststart"
        case .requestSuccess: "requestsuccess"
        case .requestError: "requesterror"
        case .requestEnd: "requestend"
        case .authenticationRequired: "authenticationrequired"
        }
    }
}
