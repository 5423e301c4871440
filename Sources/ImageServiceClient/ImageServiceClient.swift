import LayerOptions
import NIOConcurrencyHelpers
import RequestPlanning

/// Sends the requests that `RequestPlanning` plans to an ArcGIS Image Service, with Esri
/// Leaflet's service semantics: tokens and the 498/499 authentication queue, JSON error
/// bodies under any status, events, plus what a non-browser client needs (timeouts,
/// retries, a per-host limit, cancellation, a disk cache).
///
/// ```swift
/// let client = ImageServiceClient()
/// let image = try await client.exportImage(options, view: view)   // PNG or JPEG bytes
/// let pixel = try await client.identify(task)                     // the service's JSON
/// try await client.shutdown()
/// ```
///
/// One client serves any number of services; authentication state (the token given to
/// ``authenticate(_:service:)`` and the queue of requests waiting for it) is kept per
/// service URL (``LayerOptions/url``). Call ``shutdown()`` before dropping the client.
public final class ImageServiceClient: Sendable {
    /// The version in the `User-Agent` header.
    public static let version = "0.1.0"

    /// The configuration the client was made with.
    public let configuration: Configuration

    let transport: Transport
    let authenticator: ServiceAuthenticator
    let cache: DiskCache?
    private let callbacks = NIOLockedValueBox(JSONPCallbackNames())
    private let isShutDown = NIOLockedValueBox(false)

    /// A client with its own HTTP connection pool.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        transport = Transport(configuration: configuration)
        authenticator = ServiceAuthenticator(provider: configuration.tokenProvider, timeout: configuration.authenticationTimeout)
        cache = configuration.cache.map(DiskCache.init)
    }

    /// Closes the connections. Requests sent afterwards fail with
    /// ``ImageServiceClientError/shutDown``.
    public func shutdown() async throws {
        let first = isShutDown.withLockedValue { state -> Bool in
            defer { state = true }
            return !state
        }
        if first { try await transport.shutdown() }
    }

    // MARK: Operations

    /// The layer's exportImage for `view`: with `f=image` the image itself; with `f=json`
    /// the service's JSON, then the image its `href` names (`?token=` and the proxy
    /// prefix added as ``ExportImageRequest/imageURL(href:options:)`` does). `nil` when
    /// the view's zoom is outside the layer's minZoom…maxZoom (nothing is requested).
    public func exportImage(_ options: LayerOptions, view: MapView) async throws(ImageServiceClientError) -> ExportedImage? {
        let isJSON = options.f == .json
        let operation = ServiceOperation(
            options: options, path: "exportImage", eventMethod: isJSON ? "request" : "get",
            expectation: isJSON ? .exportJSON : .image
        ) { options, callbacks in
            guard let request = ExportImageRequest.request(for: options, view: view, callbacks: &callbacks) else { return nil }
            var params = ExportImageRequest.parameters(for: options, view: view)
            params["f"] = isJSON ? "json" : "image"
            return (request, ServiceOperation.withF(params))
        }
        guard let fetched = try await run(operation), let format = fetched.format else { return nil }
        return ExportedImage(bytes: fetched.bytes, format: format, contentType: fetched.contentType, url: fetched.url,
                             exportResponse: fetched.exportResponse, fromCache: fetched.fromCache)
    }

    /// An export whose request the caller plans — one tile of `ExportTiling`, say:
    /// `plan` is called with the layer's options, and again with the token set when the
    /// service asks for one (498/499), so that the token is re-planned rather than patched
    /// into a URL. `nil` from `plan` means nothing to request. The events' `params` are
    /// the request's form, decoded (values as text).
    ///
    /// ```swift
    /// let image = try await client.exportImage(options) { options, callbacks in
    ///     ExportTiling.tiles(for: options, view: view, scale: 2, callbacks: &callbacks).dropFirst(index).first?.request
    /// }
    /// ```
    public func exportImage(
        _ options: LayerOptions, planned plan: @escaping @Sendable (LayerOptions, inout JSONPCallbackNames) -> PlannedRequest?
    ) async throws(ImageServiceClientError) -> ExportedImage? {
        let isJSON = options.f == .json
        let operation = ServiceOperation(
            options: options, path: "exportImage", eventMethod: isJSON ? "request" : "get",
            expectation: isJSON ? .exportJSON : .image
        ) { options, callbacks in
            guard let request = plan(options, &callbacks) else { return nil }
            return (request, ServiceOperation.withF(ServiceOperation.formParameters(of: request)))
        }
        guard let fetched = try await run(operation), let format = fetched.format else { return nil }
        return ExportedImage(bytes: fetched.bytes, format: format, contentType: fetched.contentType, url: fetched.url,
                             exportResponse: fetched.exportResponse, fromCache: fetched.fromCache)
    }

    /// The identify task's answer (the service's JSON; `IdentifyImage`'s GeoJSON shaping
    /// is the caller's).
    public func identify(_ task: IdentifyImageTask) async throws(ImageServiceClientError) -> JSONValue {
        let parameters = task.parameters
        return try await json(ServiceOperation(options: task.options, path: "identify", eventMethod: "request", expectation: .json) {
            options, callbacks in
            let request = ServiceRequestBuilder(options: options).request(
                path: "identify", parameters: parameters, transport: .automatic, caller: .task, callbacks: &callbacks)
            return (request, ServiceOperation.eventParameters(parameters, options: options, task: true))
        })
    }

    /// The query task's answer for `result` (features, count, ids or extent), as JSON.
    public func query(_ task: QueryTask, returning result: QueryTask.Result = .features) async throws(ImageServiceClientError)
        -> JSONValue
    {
        var parameters = task.parameters
        switch result {
        case .features: break
        case .count: parameters["returnCountOnly"] = true
        case .ids: parameters["returnIdsOnly"] = true
        case .extent: parameters["returnExtentOnly"] = true
        }
        let finalParameters = parameters
        return try await json(ServiceOperation(options: task.options, path: "query", eventMethod: "request", expectation: .json) {
            options, callbacks in
            let request = ServiceRequestBuilder(options: options).request(
                path: "query", parameters: finalParameters, transport: .automatic, caller: .task, callbacks: &callbacks)
            return (request, ServiceOperation.eventParameters(finalParameters, options: options, task: true))
        })
    }

    /// The service's metadata (`…/ImageServer/?f=json`, always a GET as Esri Leaflet's
    /// `metadata()`).
    public func metadata(_ options: LayerOptions) async throws(ImageServiceClientError) -> JSONValue {
        try await json(ServiceOperation(options: options, path: "", eventMethod: "get", expectation: .json) { options, callbacks in
            let request = ServiceRequestBuilder(options: options).request(
                path: "", parameters: JSONObject(), transport: .get, caller: .service, callbacks: &callbacks)
            return (request, ServiceOperation.eventParameters(JSONObject(), options: options, task: false))
        })
    }

    /// Esri Leaflet's `service.authenticate(token)`: stores `token` for the service at
    /// `service` (a ``LayerOptions/url``) — it replaces the layer's token in every later
    /// request — and replays the requests waiting after a 498/499, re-planned with it.
    public func authenticate(_ token: String, service: String) {
        if token.isEmpty {
            authenticator.fail(service: service, reason: "authenticate was called with an empty token")
        } else {
            authenticator.authenticate(token, service: service)
        }
    }

    // MARK: Internals

    private func json(_ operation: ServiceOperation) async throws(ImageServiceClientError) -> JSONValue {
        guard let fetched = try await run(operation), let value = fetched.json else {
            throw .unexpectedBody(url: operation.options.url + operation.path, expected: "JSON", contentType: nil, bodyPreview: "")
        }
        return value
    }

    /// `perform` with every error as an ``ImageServiceClientError``.
    func run(_ operation: ServiceOperation) async throws(ImageServiceClientError) -> Fetched? {
        if isShutDown.withLockedValue({ $0 }) { throw .shutDown }
        do {
            return try await perform(operation)
        } catch let error as ImageServiceClientError {
            throw error
        } catch {
            throw .cancelled(url: operation.options.url + operation.path)
        }
    }

    private func plan(_ operation: ServiceOperation, _ options: LayerOptions) -> (request: PlannedRequest, params: JSONObject)? {
        callbacks.withLockedValue { operation.plan(options, &$0) }
    }

    func emit(_ event: ImageServiceEvent) { configuration.eventHandler?(event) }

    /// Sends the operation through Esri Leaflet's service flow: requeststart; a wait if
    /// the service is authenticating; the request; on 498/499 authenticationrequired,
    /// requesterror, requestend, a wait for the token and a replay; requestsuccess or
    /// requesterror; requestend.
    private func perform(_ operation: ServiceOperation) async throws -> Fetched? {
        let service = operation.options.url
        let eventURL = service + operation.path
        let method = operation.eventMethod
        var options = operation.options
        if let token = authenticator.token(for: service) { try? options.setToken(token) }
        guard var planned = plan(operation, options) else { return nil }
        emit(.requestStart(url: eventURL, params: planned.params, method: method))
        var renewed = false

        func fail(_ error: ImageServiceClientError, params: JSONObject) -> ImageServiceClientError {
            emit(.requestError(url: eventURL, params: params, message: error.eventMessage, code: error.eventCode, method: method))
            emit(.requestEnd(url: eventURL, params: params, method: method))
            return error
        }
        func authenticationError(_ failure: any Error, code: Int) -> ImageServiceClientError {
            switch failure {
            case let failure as ServiceAuthenticator.Failure:
                .authenticationFailed(url: eventURL, code: code, reason: failure.reason)
            case is DeadlineExceeded:
                .authenticationFailed(url: eventURL, code: code, reason:
                    "no token arrived within \(ImageServiceClientError.seconds(configuration.authenticationTimeout))")
            default:
                .cancelled(url: eventURL)
            }
        }

        // A request started while the service is authenticating waits in the queue.
        do {
            if let token = try await authenticator.tokenIfAuthenticating(service: service) {
                try? options.setToken(token)
                renewed = true
                guard let replanned = plan(operation, options) else { return nil }
                planned = replanned
                emit(.requestStart(url: eventURL, params: planned.params, method: method))
            }
        } catch {
            throw fail(authenticationError(error, code: 499), params: planned.params)
        }

        while true {
            do {
                let fetched = try await fetch(planned.request, operation: operation, options: options)
                emit(.requestSuccess(url: eventURL, params: planned.params, response: fetched.eventResponse, method: method))
                emit(.requestEnd(url: eventURL, params: planned.params, method: method))
                return fetched
            } catch let error as ImageServiceClientError {
                guard let code = error.authenticationCode else { throw fail(error, params: planned.params) }
                if renewed {
                    throw fail(.authenticationFailed(url: eventURL, code: code, reason:
                        "the service refused the renewed token too (\(error.eventMessage))"), params: planned.params)
                }
                if configuration.tokenProvider == nil && configuration.eventHandler == nil {
                    throw fail(.authenticationFailed(url: eventURL, code: code, reason:
                        "the service requires a token (\(error.eventMessage)) and the client has no tokenProvider or eventHandler to get one"),
                        params: planned.params)
                }
                let announced = NIOLockedValueBox(false)
                let params = planned.params
                let token: String
                do {
                    token = try await authenticator.tokenAfterFailure(service: service, usedToken: options.token) {
                        announced.withLockedValue { $0 = true }
                        self.emit(.authenticationRequired(authenticate: { [weak self] token in
                            self?.authenticate(token, service: service)
                        }))
                        self.emit(.requestError(url: eventURL, params: params, message: error.eventMessage, code: code, method: method))
                        self.emit(.requestEnd(url: eventURL, params: params, method: method))
                    }
                } catch {
                    let failure = authenticationError(error, code: code)
                    if announced.withLockedValue({ $0 }) { throw failure }
                    throw fail(failure, params: params)
                }
                try? options.setToken(token)
                renewed = true
                guard let replanned = plan(operation, options) else { return nil }
                planned = replanned
                if announced.withLockedValue({ $0 }) {
                    emit(.requestStart(url: eventURL, params: planned.params, method: method))
                }
            }
        }
    }
}
