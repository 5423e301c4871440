import Foundation

/// Issues and checks the tokens of a secured server (reference §7.2, §7.3).
///
/// Tokens are 32 bytes from the system's secure random generator, written as 64 hex digits;
/// they live in memory only, until they expire or the server stops. They are never logged.
/// Tokens are not bound to a referer or an IP address: `client` and `referer` are accepted
/// and ignored, as every caller of a loopback server is the same machine.
actor TokenAuthority {
    /// A token and its expiry, as `generateToken` reports them.
    struct IssuedToken: Sendable, Equatable {
        var token: String
        /// Epoch milliseconds.
        var expires: Int64
    }

    /// What a presented token is worth.
    enum Verdict: Sendable, Equatable {
        case valid
        /// Unknown, or expired.
        case invalid
    }

    private let configuration: TokenConfiguration
    private let now: @Sendable () -> Int64
    private var expiries: [String: Int64] = [:]

    /// - Parameter now: the clock, in epoch milliseconds (tests pass their own).
    init(configuration: TokenConfiguration, now: @escaping @Sendable () -> Int64 = TokenAuthority.systemMilliseconds) {
        self.configuration = configuration
        self.now = now
    }

    /// The wall clock in epoch milliseconds.
    @Sendable static func systemMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// A new token for this account, or `nil` when the username or password is wrong.
    /// `minutes` (the request's `expiration`) is capped at the configured `tokenMinutes`,
    /// which is also the lifetime when it is `nil`.
    func generate(username: String, password: String, minutes: Int?) -> IssuedToken? {
        let known = configuration.users.first { $0.username == username }
        // Compare against something even for an unknown user, so timing tells little.
        let matches = Self.constantTimeEquals(Array(password.utf8), Array((known?.password ?? "\u{0}").utf8))
        guard let _ = known, matches else { return nil }
        let lifetime = min(max(minutes ?? configuration.tokenMinutes, 1), configuration.tokenMinutes)
        let current = now()
        expiries = expiries.filter { $0.value > current }
        let token = Self.randomToken()
        let expires = current + Int64(lifetime) * 60_000
        expiries[token] = expires
        return IssuedToken(token: token, expires: expires)
    }

    /// Whether `token` was issued here and has not expired.
    func check(_ token: String) -> Verdict {
        guard let expires = expiries[token] else { return .invalid }
        if expires <= now() {
            expiries[token] = nil
            return .invalid
        }
        return .valid
    }

    /// 32 random bytes as 64 lowercase hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(64)
        for _ in 0..<4 {
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
    }

    private static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
