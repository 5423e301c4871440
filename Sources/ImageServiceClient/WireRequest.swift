import RequestPlanning

/// A planned request as it goes on the wire: method, URL, body and whether it was turned
/// from a long GET into a POST.
///
/// Esri Leaflet sends an `f=image` export as an `<img src>` URL of any length; browsers
/// cope, but servers and proxies commonly refuse URLs past a few thousand characters. The
/// client therefore sends a GET whose URL passes ``maximumGetLength`` as a POST of its query
/// to the URL without the query, exactly as Esri Leaflet's `request` does for JSON.
///
/// Where the query starts: the planner percent-encodes every parameter name and value
/// (`encodeURIComponent`), so the query never holds a literal `?`, and the last `?` of the
/// URL is the one before the query. With a proxy the URL reads `proxy?https://host/…/ImageServer/exportImage?query`;
/// the first `?` belongs to the proxy, so splitting there would post the target URL itself
/// as the form and leave the proxy without a target. Splitting at the last `?` keeps
/// `proxy?https://host/…/exportImage` as the URL, which is the form Esri Leaflet posts
/// through a proxy. A GET whose only `?` is the proxy's (a target without a query, e.g.
/// an `href` without `?token=`) has no query to move and stays a GET.
struct WireRequest: Sendable, Equatable {
    /// `"GET"` or `"POST"`.
    var method: PlannedRequest.Method
    /// The URL, token included when the plan put it in the query.
    var url: String
    /// The form body of a POST.
    var body: String?
    /// Whether a long GET was turned into a POST.
    var convertedFromGet: Bool

    /// The form content type Esri Leaflet posts with.
    static let formContentType = "application/x-www-form-urlencoded; charset=UTF-8"
}

extension WireRequest {

    /// `planned` as sent: a GET longer than `maximumGetLength` (UTF-16 units, as
    /// JavaScript's `length`) becomes a POST when `convertLongGets` and there is a query
    /// after the proxy prefix (`proxy` is the layer's proxy option, if any).
    init(_ planned: PlannedRequest, proxy: String?, maximumGetLength: Int, convertLongGets: Bool) {
        method = planned.method
        url = planned.url
        body = planned.body
        convertedFromGet = false
        guard convertLongGets, planned.method == .get, planned.url.utf16.count > maximumGetLength,
              let split = Self.queryStart(of: planned.url, proxy: proxy) else { return }
        method = .post
        url = String(planned.url[..<split])
        body = String(planned.url[planned.url.index(after: split)...])
        convertedFromGet = true
    }

    /// The index of the `?` that starts the target's query: the last `?`, and only if it
    /// lies past the proxy prefix `proxy?` (otherwise it is the proxy's own separator).
    static func queryStart(of url: String, proxy: String?) -> String.Index? {
        guard let last = url.lastIndex(of: "?") else { return nil }
        if let proxy {
            let prefix = proxy + "?"
            guard url.hasPrefix(prefix), url.utf8.distance(from: url.startIndex, to: last) >= prefix.utf8.count else { return nil }
        }
        return last
    }

    /// The URL with its token redacted, for messages and events.
    var redactedURL: String { TokenRedaction.redacting(url) }

    /// The host and port the request connects to (the proxy's when there is one): the
    /// key of the per-host concurrency limit.
    var host: String {
        let withoutScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return withoutScheme.count > 2 ? String(withoutScheme[2]).lowercased() : url
    }
}
