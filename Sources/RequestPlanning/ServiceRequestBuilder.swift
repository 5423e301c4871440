import LayerOptions

/// Esri Leaflet's rules for sending an operation to an Image Service (`Service._request`,
/// `Task.request` and `Request.js`): where the token and `requestParams` go, the proxy
/// prefix, JSONP when `useCors` is false, and GET switching to POST past 2000 characters.
public struct ServiceRequestBuilder: Sendable {
    /// How the operation is sent.
    public enum Transport: Sendable {
        /// `service.get` (metadata): always a GET, however long.
        case get
        /// `service.request` (identify, query, exportImage with `f=json`): a GET up to 2000
        /// characters of `url?query`, a POST of the same form beyond.
        case automatic
    }

    /// Who sends it: a task merges `requestParams` before the service adds the token, so
    /// for identify and query the token comes after them.
    public enum Caller: Sendable {
        case service
        case task
    }

    /// The longest `url?query` Esri Leaflet sends as a GET.
    public static let maximumGetLength = 2000

    /// The layer's options: url, token, proxy, useCors, requestParams.
    public let options: LayerOptions

    public init(options: LayerOptions) { self.options = options }

    /// The request for `path` (e.g. `"identify"`, `""` for metadata) with `parameters`.
    /// JSONP requests take the next name from `callbacks`.
    public func request(path: String, parameters: JSONObject, transport: Transport, caller: Caller,
                        callbacks: inout JSONPCallbackNames) -> PlannedRequest {
        var parameters = parameters
        if caller == .task { parameters.merge(options.requestParams) }
        if let token = options.token { parameters["token"] = .string(token) }
        parameters.merge(options.requestParams)
        let url = serviceURL(path: path)
        if !options.useCors {
            parameters["callback"] = .string(callbacks.next())
            return .get(url + "?" + Self.serializeWithF(parameters))
        }
        let query = Self.serializeWithF(parameters)
        let getURL = url + "?" + query
        if transport == .get || getURL.utf16.count <= Self.maximumGetLength { return .get(getURL) }
        return .post(url, body: query)
    }

    /// The operation's URL, behind the proxy if there is one (`proxy?url`, not encoded).
    public func serviceURL(path: String) -> String {
        if let proxy = options.proxy { return proxy + "?" + options.url + path }
        return options.url + path
    }

    /// `serialize` after setting `f` to `json` unless it already has a value.
    static func serializeWithF(_ parameters: JSONObject) -> String {
        var parameters = parameters
        if !(parameters["f"].map(QueryString.isTruthy) ?? false) { parameters["f"] = "json" }
        return QueryString.esriSerialize(parameters)
    }
}

/// The names Esri Leaflet gives JSONP callbacks: `window._EsriLeafletCallbacks.c0`, `c1`, …
/// counted across every JSONP request of the page, in the order they are sent.
public struct JSONPCallbackNames: Sendable {
    private var count = 0

    public init() {}

    /// The next callback name.
    public mutating func next() -> String {
        defer { count += 1 }
        return "window._EsriLeafletCallbacks.c\(count)"
    }
}

extension JSONObject {
    /// JavaScript's `Util.extend(target, source)`: each member of `other` set in turn.
    mutating func merge(_ other: JSONObject) {
        for member in other.members { self[member.key] = member.value }
    }
}

extension QueryString {
    /// Whether JavaScript treats the value as true in a condition.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0 && !number.isNaN
        case .string(let text): !text.isEmpty
        case .array, .object: true
        }
    }
}
