import NIOConcurrencyHelpers

/// Esri Leaflet's authentication queue, per service (keyed by the service URL): when a
/// request fails with 498/499 the service is "authenticating"; that request and every
/// request started meanwhile wait; `authenticate(token)` stores the token and lets them
/// all go again with it. A token provider, when configured, is asked for the token.
final class ServiceAuthenticator: Sendable {
    /// Why waiting for a token ended without one.
    struct Failure: Error {
        var reason: String
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<String?, any Error>
    }

    private struct Service {
        /// The token given by `authenticate` (overrides the layer's token).
        var token: String?
        var authenticating = false
        var providerRunning = false
        var waiters: [Waiter] = []
    }

    private struct State {
        var services: [String: Service] = [:]
        var nextID: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    private let provider: (@Sendable (String) async throws -> String)?
    private let timeout: Duration

    init(provider: (@Sendable (String) async throws -> String)?, timeout: Duration) {
        self.provider = provider
        self.timeout = timeout
    }

    /// The token `authenticate` stored for `service`, if any.
    func token(for service: String) -> String? {
        state.withLockedValue { $0.services[service]?.token }
    }

    /// Stores `token` for `service`, leaves the authenticating state and replays the
    /// queue (the last queued first, as Esri Leaflet's `_runQueue`).
    func authenticate(_ token: String, service: String) {
        let waiters = finishAuthenticating(service, token: token)
        for waiter in waiters.reversed() { waiter.continuation.resume(returning: token) }
    }

    /// If `service` is authenticating, waits for the token (for a request started
    /// meanwhile); `nil` at once otherwise.
    func tokenIfAuthenticating(service: String) async throws -> String? {
        guard state.withLockedValue({ $0.services[service]?.authenticating ?? false }) else { return nil }
        return try await wait(service: service) { _ in .wait }
    }

    /// What to do after a request sent with `usedToken` failed with 498/499.
    enum Decision {
        /// Another token arrived since the request was sent: send it again with that one.
        case retry(String)
        /// Queued: announce it (authenticationrequired) and wait.
        case wait
    }

    /// Queues a request that failed with 498/499 and waits for a token. `announce` runs
    /// once the request is queued, so that an `authenticate` it triggers is not missed; a
    /// configured provider is started if it is not already running. Waiting ends after
    /// the authentication timeout with ``DeadlineExceeded``.
    func tokenAfterFailure(service: String, usedToken: String?, announce: @escaping @Sendable () -> Void) async throws -> String {
        let hasProvider = provider != nil
        let token = try await wait(service: service) { entry in
            if let current = entry.token, current != usedToken, !entry.authenticating { return .retry(current) }
            entry.authenticating = true
            if hasProvider { entry.providerRunning = true }
            return .wait
        } afterQueueing: {
            announce()
        }
        guard let token else { throw Failure(reason: "no token arrived") }
        return token
    }

    /// Registers a waiter under the lock (after `decide`, which may change the service's
    /// state or answer at once), runs `afterQueueing`, starts the provider if `decide`
    /// claimed it, and waits with the authentication timeout.
    private func wait(service: String, decide: @escaping @Sendable (inout Service) -> Decision,
                      afterQueueing: @escaping @Sendable () -> Void = {}) async throws -> String? {
        try await withDeadline(timeout) {
            try await self.enqueue(service: service, decide: decide, afterQueueing: afterQueueing)
        }
    }

    private func enqueue(service: String, decide: @escaping @Sendable (inout Service) -> Decision,
                         afterQueueing: @escaping @Sendable () -> Void) async throws -> String? {
        let id = state.withLockedValue { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String?, any Error>) in
                enum Outcome { case retry(String), queued(startProvider: Bool), cancelled, notAuthenticating(String?) }
                let outcome = state.withLockedValue { state -> Outcome in
                    if Task.isCancelled { return .cancelled }
                    var entry = state.services[service, default: Service()]
                    let wasRunning = entry.providerRunning
                    switch decide(&entry) {
                    case .retry(let token):
                        state.services[service] = entry
                        return .retry(token)
                    case .wait:
                        guard entry.authenticating else {
                            state.services[service] = entry
                            return .notAuthenticating(entry.token)
                        }
                        entry.waiters.append(Waiter(id: id, continuation: continuation))
                        state.services[service] = entry
                        return .queued(startProvider: !wasRunning && entry.providerRunning)
                    }
                }
                switch outcome {
                case .retry(let token):
                    continuation.resume(returning: token)
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                case .notAuthenticating(let token):
                    // Authenticated between the check and the queueing: go on with its token.
                    continuation.resume(returning: token)
                case .queued(let startProvider):
                    afterQueueing()
                    if startProvider { runProvider(service: service) }
                }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> Waiter? in
                guard let index = state.services[service]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.services[service]?.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Asks the provider for a token in its own task (it outlives a cancelled request:
    /// other requests may be waiting for it); success authenticates, failure fails the
    /// queue.
    private func runProvider(service: String) {
        guard let provider else { return }
        Task {
            do {
                let token = try await provider(service)
                guard !token.isEmpty else { throw Failure(reason: "the token provider returned an empty token") }
                self.authenticate(token, service: service)
            } catch {
                let reason = (error as? Failure)?.reason ?? "the token provider failed: \(TokenRedaction.redacting("\(error)"))"
                self.fail(service: service, reason: reason)
            }
        }
    }

    /// Leaves the authenticating state and fails every queued request.
    func fail(service: String, reason: String) {
        let waiters = finishAuthenticating(service, token: nil)
        for waiter in waiters { waiter.continuation.resume(throwing: Failure(reason: reason)) }
    }

    /// Leaves `service`'s authenticating state, storing `token` when one arrived, and hands
    /// back the queued requests. Without a token, a service never seen has nothing queued.
    private func finishAuthenticating(_ service: String, token: String?) -> [Waiter] {
        state.withLockedValue { state -> [Waiter] in
            guard var entry = state.services[service] ?? (token == nil ? nil : Service()) else { return [] }
            if let token { entry.token = token }
            entry.authenticating = false
            entry.providerRunning = false
            let waiters = entry.waiters
            entry.waiters = []
            state.services[service] = entry
            return waiters
        }
    }
}
