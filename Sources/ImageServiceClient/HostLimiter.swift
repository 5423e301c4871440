import NIOConcurrencyHelpers

/// At most `limit` requests in flight per host; the others wait in arrival order. A
/// waiting task that is cancelled leaves the line at once.
final class HostLimiter: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Host {
        var inFlight = 0
        var waiters: [Waiter] = []
    }

    private struct State {
        var hosts: [String: Host] = [:]
        var nextID: UInt64 = 0
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) { self.limit = max(1, limit) }

    /// Runs `body` once `host` has a free slot, and frees it afterwards.
    func withSlot<T: Sendable>(host: String, _ body: () async throws -> T) async throws -> T {
        try await acquire(host: host)
        defer { release(host: host) }
        return try await body()
    }

    private func acquire(host: String) async throws {
        try Task.checkCancellation()
        let id: UInt64? = state.withLockedValue { state in
            if state.hosts[host, default: Host()].inFlight < limit {
                state.hosts[host, default: Host()].inFlight += 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLockedValue { state -> Bool in
                    if Task.isCancelled { return true }
                    // A slot may have been freed between the check and here.
                    if state.hosts[host, default: Host()].inFlight < limit {
                        state.hosts[host, default: Host()].inFlight += 1
                        continuation.resume()
                        return false
                    }
                    state.hosts[host, default: Host()].waiters.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> Waiter? in
                guard let index = state.hosts[host]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.hosts[host]?.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release(host: String) {
        let next = state.withLockedValue { state -> Waiter? in
            guard var entry = state.hosts[host] else { return nil }
            if entry.waiters.isEmpty {
                entry.inFlight -= 1
                state.hosts[host] = entry.inFlight == 0 ? nil : entry
                return nil
            }
            // The slot passes straight to the next waiter.
            let waiter = entry.waiters.removeFirst()
            state.hosts[host] = entry
            return waiter
        }
        next?.continuation.resume()
    }
}
