import AsyncHTTPClient
import Foundation
import NIOCore

/// One HTTP answer, body read in full.
struct HTTPResult: Sendable {
    var status: Int
    var contentType: String?
    /// The `Retry-After` header.
    var retryAfter: String?
    var body: [UInt8]
    /// How many attempts it took.
    var attempts: Int
}

/// Sends wire requests with AsyncHTTPClient: the User-Agent, the form content type, the
/// per-host limit, the per-request timeout, and retries with exponential backoff and
/// jitter on connection failures, 429 (honouring `Retry-After` seconds) and 5xx.
/// Every error it throws is an ``ImageServiceClientError`` naming the URL without token.
final class Transport: Sendable {
    let httpClient: HTTPClient
    let configuration: ImageServiceClient.Configuration
    let limiter: HostLimiter

    init(configuration: ImageServiceClient.Configuration) {
        self.configuration = configuration
        var http = HTTPClient.Configuration()
        http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, configuration.maximumConcurrentRequestsPerHost)
        http.timeout.connect = .seconds(10)
        // The client retries itself (counted, with backoff); AsyncHTTPClient's own retrying
        // of refused connections would otherwise run until the request's deadline.
        http.connectionPool.retryConnectionEstablishment = false
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        limiter = HostLimiter(limit: configuration.maximumConcurrentRequestsPerHost)
    }

    /// The answer to `request` once it is final: a 2xx, a status that is not retried, or
    /// the last attempt's 429/5xx.
    func send(_ request: WireRequest) async throws -> HTTPResult {
        let attempts = max(1, configuration.maximumAttempts)
        var attempt = 1
        while true {
            let result: HTTPResult
            do {
                result = try await limiter.withSlot(host: request.host) { try await self.exchange(request) }
            } catch let failure as ConnectionFailure {
                guard attempt < attempts else {
                    throw ImageServiceClientError.connectionFailed(url: request.redactedURL, attempts: attempt, reason: failure.reason)
                }
                try await pause(backoff(attempt: attempt), url: request.redactedURL)
                attempt += 1
                continue
            } catch is CancellationError {
                throw ImageServiceClientError.cancelled(url: request.redactedURL)
            }
            var delay: Duration?
            if result.status == 429 {
                let retryAfter = result.retryAfterSeconds
                if let retryAfter, Duration.seconds(retryAfter) > configuration.maximumRetryDelay {
                    throw ImageServiceClientError.retryAfterTooLong(
                        url: request.redactedURL, retryAfterSeconds: retryAfter,
                        maximumSeconds: Int(configuration.maximumRetryDelay.components.seconds))
                }
                delay = max(backoff(attempt: attempt), .seconds(retryAfter ?? 0))
            } else if (500...599).contains(result.status) {
                delay = backoff(attempt: attempt)
            }
            guard let delay, attempt < attempts else {
                var final = result
                final.attempts = attempt
                return final
            }
            try await pause(delay, url: request.redactedURL)
            attempt += 1
        }
    }

    /// A connection-level failure that another attempt may get past.
    private struct ConnectionFailure: Error {
        var reason: String
    }

    /// One attempt, within the timeout.
    private func exchange(_ wire: WireRequest) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: wire.url)
        request.method = wire.method == .get ? .GET : .POST
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let body = wire.body, wire.method == .post {
            request.headers.add(name: "Content-Type", value: WireRequest.formContentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let client = httpClient
        let limit = configuration.maximumResponseBytes
        let timeout = configuration.timeout
        let url = wire.redactedURL
        let prepared = request
        do {
            return try await withDeadline(timeout) {
                // AsyncHTTPClient's own deadline is a backstop; ours names the URL.
                let response = try await client.execute(prepared, timeout: Self.timeAmount(timeout) + .seconds(1))
                let buffer = try await response.body.collect(upTo: limit)
                return HTTPResult(
                    status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                    retryAfter: response.headers.first(name: "Retry-After"), body: Array(buffer.readableBytesView), attempts: 1)
            }
        } catch is DeadlineExceeded {
            throw ImageServiceClientError.timedOut(url: url, timeout: timeout)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ImageServiceClientError.timedOut(url: url, timeout: timeout)
        } catch is NIOTooManyBytesError {
            throw ImageServiceClientError.responseTooLarge(url: url, limit: limit)
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost || error == .emptyScheme
            || error == .unsupportedScheme(wire.url) {
            throw ImageServiceClientError.invalidURL(url: url, reason: "\(error)")
        } catch {
            if Task.isCancelled || error is CancellationError || (error as? HTTPClientError) == .cancelled {
                throw CancellationError()
            }
            throw ConnectionFailure(reason: TokenRedaction.redacting("\(error)"))
        }
    }

    /// `base × 2^(attempt−1)`, capped at the maximum retry delay, jittered to 50–100 %.
    func backoff(attempt: Int) -> Duration {
        let exponential = configuration.retryBaseDelay * (1 << min(max(attempt - 1, 0), 20))
        let capped = min(exponential, configuration.maximumRetryDelay)
        return capped * Double.random(in: 0.5...1.0)
    }

    private func pause(_ delay: Duration, url: String) async throws {
        do {
            try await Task.sleep(for: delay)
        } catch {
            throw ImageServiceClientError.cancelled(url: url)
        }
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    func shutdown() async throws {
        try await httpClient.shutdown()
    }
}

extension HTTPResult {
    /// `Retry-After` as whole seconds (the HTTP-date form is not read).
    var retryAfterSeconds: Int? {
        guard let retryAfter, let seconds = Int(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return seconds
    }
}
