import LayerOptions
import RequestPlanning

/// A response that passed its checks: JSON, or image bytes.
struct Fetched: Sendable {
    var bytes: [UInt8]
    var contentType: String?
    var format: ImageFormat?
    var json: JSONValue?
    /// The URL it came from, token redacted.
    var url: String
    var exportResponse: JSONValue?
    var fromCache: Bool

    /// The `response` of a `requestsuccess` event: the JSON, or a description of the image.
    var eventResponse: JSONValue {
        if let exportResponse { return exportResponse }
        if let json { return json }
        return [
            "contentType": contentType.map(JSONValue.string) ?? .null,
            "format": .string(format?.rawValue ?? ""),
            "bytes": .number(Double(bytes.count)),
            "cached": .bool(fromCache),
        ]
    }
}

extension ImageServiceClient {
    /// One planned request on the wire (from the cache when it holds it), checked
    /// against what the operation expects; for an `f=json` export, then the image.
    func fetch(_ planned: PlannedRequest, operation: ServiceOperation, options: LayerOptions) async throws -> Fetched {
        let key = DiskCache.key(method: planned.method.rawValue, url: planned.url, body: planned.body)
        let wire = wireRequest(planned, proxy: options.proxy)
        if let cached = cache?.read(key: key), let fetched = Self.fromCache(cached, expectation: operation.expectation, url: wire.redactedURL) {
            return fetched
        }
        let result = try await transport.send(wire)
        switch operation.expectation {
        case .image:
            let image = try Self.image(result, url: wire.redactedURL)
            store(image, key: key)
            return image
        case .json:
            let value = try Self.json(result, url: wire.redactedURL)
            cache?.write(key: key, entry: DiskCache.Entry(contentType: result.contentType, body: result.body))
            return Fetched(bytes: result.body, contentType: result.contentType, json: value, url: wire.redactedURL, fromCache: false)
        case .exportJSON:
            let value = try Self.json(result, url: wire.redactedURL)
            guard case .object(let object) = value, case .string(let href)? = object["href"], !href.isEmpty else {
                throw ImageServiceClientError.unexpectedBody(
                    url: wire.redactedURL, expected: "JSON naming the exported image in \"href\"", contentType: result.contentType,
                    bodyPreview: ResponseBody.preview(result.body))
            }
            let imageWire = wireRequest(.get(ExportImageRequest.imageURL(href: href, options: options)), proxy: options.proxy)
            var image = try Self.image(try await transport.send(imageWire), url: imageWire.redactedURL)
            store(image, key: key)
            image.exportResponse = value
            return image
        }
    }

    private func wireRequest(_ planned: PlannedRequest, proxy: String?) -> WireRequest {
        WireRequest(planned, proxy: proxy, maximumGetLength: configuration.maximumGetLength,
                    convertLongGets: configuration.postLongGetRequests)
    }

    private func store(_ image: Fetched, key: String) {
        cache?.write(key: key, entry: DiskCache.Entry(contentType: image.contentType, body: image.bytes))
    }

    /// A cache entry as a response, if it still is what the operation expects.
    private static func fromCache(_ entry: DiskCache.Entry, expectation: ServiceOperation.Expectation, url: String) -> Fetched? {
        switch expectation {
        case .image, .exportJSON:
            guard let format = ImageFormat(sniffing: entry.body) else { return nil }
            return Fetched(bytes: entry.body, contentType: entry.contentType, format: format, url: url, fromCache: true)
        case .json:
            guard case .value(let value) = ResponseBody.json(entry.body) else { return nil }
            return Fetched(bytes: entry.body, contentType: entry.contentType, json: value, url: url, fromCache: true)
        }
    }

    /// The body as an image: PNG or JPEG by its first bytes under a 2xx status; an
    /// ArcGIS error envelope is that error; anything else says what came back.
    static func image(_ result: HTTPResult, url: String) throws -> Fetched {
        let success = (200...299).contains(result.status)
        if success, let format = ImageFormat(sniffing: result.body) {
            return Fetched(bytes: result.body, contentType: result.contentType, format: format, url: url, fromCache: false)
        }
        if case .serviceError(let error) = ResponseBody.json(result.body) {
            throw ImageServiceClientError.service(url: url, code: error.code, message: error.message, details: error.details)
        }
        if !success { throw httpStatusError(result, url: url) }
        throw ImageServiceClientError.unexpectedBody(url: url, expected: "a PNG or JPEG image", contentType: result.contentType,
                                                     bodyPreview: ResponseBody.preview(result.body))
    }

    /// The body as JSON (JSONP unwrapped): an ArcGIS error envelope under any status is
    /// that error; a non-2xx status otherwise is a status error.
    static func json(_ result: HTTPResult, url: String) throws -> JSONValue {
        let success = (200...299).contains(result.status)
        switch ResponseBody.json(result.body) {
        case .serviceError(let error):
            throw ImageServiceClientError.service(url: url, code: error.code, message: error.message, details: error.details)
        case .value(let value):
            guard success else { throw httpStatusError(result, url: url) }
            return value
        case .notJSON:
            guard success else { throw httpStatusError(result, url: url) }
            throw ImageServiceClientError.unexpectedBody(url: url, expected: "JSON", contentType: result.contentType,
                                                         bodyPreview: ResponseBody.preview(result.body))
        }
    }

    private static func httpStatusError(_ result: HTTPResult, url: String) -> ImageServiceClientError {
        .httpStatus(url: url, status: result.status, contentType: result.contentType,
                    bodyPreview: ResponseBody.preview(result.body), attempts: result.attempts)
    }
}

extension ImageServiceClientError {
    /// 498 or 499 when the error says the service wants a (valid) token.
    var authenticationCode: Int? {
        switch self {
        case .service(_, let code, _, _) where code == 498 || code == 499: code
        case .httpStatus(_, let status, _, _, _) where status == 498 || status == 499: status
        default: nil
        }
    }

    /// The `code` of a `requesterror` event: the ArcGIS code, the HTTP status, or 500.
    var eventCode: Int {
        switch self {
        case .service(_, let code, _, _): code
        case .httpStatus(_, let status, _, _, _): status
        case .authenticationFailed(_, let code, _): code
        default: 500
        }
    }

    /// The `message` of a `requesterror` event: the service's message for an ArcGIS
    /// error (as Esri Leaflet), the description otherwise.
    var eventMessage: String {
        if case .service(_, _, let message, _) = self { return message }
        return description
    }
}
