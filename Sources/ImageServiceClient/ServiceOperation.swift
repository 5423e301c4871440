import Foundation
import LayerOptions
import RequestPlanning

/// One service call as the client sends it: its options, Esri Leaflet's event fields and
/// how to plan it again with other options (a renewed token).
struct ServiceOperation: Sendable {
    /// What the response must be.
    enum Expectation: Sendable {
        /// Image bytes (`f=image`).
        case image
        /// JSON (identify, query, metadata).
        case json
        /// JSON with an `href`, whose image is then fetched (`f=json` export).
        case exportJSON
    }

    /// The layer's options as given (the token may be replaced by an authenticated one).
    var options: LayerOptions
    /// The operation's path under the service URL: `exportImage`, `identify`, `query`, ``.
    var path: String
    /// Esri Leaflet's service method for the events: `get` or `request`.
    var eventMethod: String
    var expectation: Expectation
    /// The planned request for these options (`nil`: nothing to send) and the parameter
    /// object that Esri Leaflet's events carry.
    var plan: @Sendable (LayerOptions, inout JSONPCallbackNames) -> (request: PlannedRequest, params: JSONObject)?
}

extension ServiceOperation {
    /// The parameter object Esri Leaflet's `Service._request` ends up with: the operation's
    /// own parameters (a task's `requestParams` merged first), the token, the
    /// `requestParams`, then `f` (`json` unless set); the token's value is redacted.
    static func eventParameters(_ parameters: JSONObject, options: LayerOptions, task: Bool) -> JSONObject {
        var result = parameters
        func merge(_ other: JSONObject) { for member in other.members { result[member.key] = member.value } }
        if task { merge(options.requestParams) }
        if options.token != nil { result["token"] = .string(TokenRedaction.placeholder) }
        merge(options.requestParams)
        return withF(result)
    }

    /// `f` set to `json` unless it has a value; a `token` value redacted.
    static func withF(_ parameters: JSONObject) -> JSONObject {
        var result = parameters
        switch result["f"] {
        case .string(let text)? where !text.isEmpty: break
        default: result["f"] = "json"
        }
        if result["token"] != nil { result["token"] = .string(TokenRedaction.placeholder) }
        return result
    }
}

extension ServiceOperation {
    /// The parameters of a planned request's form (a POST's body, a GET's query after
    /// the last `?`), percent-decoded, in order, values as text.
    static func formParameters(of request: PlannedRequest) -> JSONObject {
        let form: Substring
        if let body = request.body {
            form = Substring(body)
        } else if let start = request.url.lastIndex(of: "?") {
            form = request.url[request.url.index(after: start)...]
        } else {
            return JSONObject()
        }
        var parameters = JSONObject()
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            if !name.isEmpty { parameters[name] = .string(value) }
        }
        return parameters
    }
}
