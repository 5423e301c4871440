import Foundation

extension ImageServiceClient {
    /// How the client sends requests. Every member has a default that suits a render
    /// against a public or local Image Service.
    public struct Configuration: Sendable {
        /// The longest a request may take, from sending it to the last byte of the body
        /// (default 30 s). Time spent waiting for a free connection slot or a retry is not
        /// counted.
        public var timeout: Duration = .seconds(30)
        /// How many times a request is tried in all when the connection fails or the
        /// service answers 429 or 5xx (default 3; 1 turns retries off).
        public var maximumAttempts: Int = 3
        /// The delay before the first retry; it doubles on each retry and is jittered to
        /// 50–100 % of that (default 0.25 s).
        public var retryBaseDelay: Duration = .milliseconds(250)
        /// The longest the client waits before a retry, `Retry-After` included; a 429 whose
        /// `Retry-After` asks for longer fails at once (default 30 s).
        public var maximumRetryDelay: Duration = .seconds(30)
        /// How many requests may be in flight to one host (and port) at a time; the others
        /// wait their turn (default 6, as browsers).
        public var maximumConcurrentRequestsPerHost: Int = 6
        /// The longest `url?query` sent as a GET (default 2000, as Esri Leaflet).
        public var maximumGetLength: Int = 2000
        /// Whether a planned GET longer than ``maximumGetLength`` — an `f=image` export with
        /// a long rendering rule, which Esri Leaflet keeps as a GET — is sent as a POST of
        /// its query to the URL without it (default true). The query is split off at the
        /// last `?`: the planner percent-encodes every name and value, so that `?` starts
        /// the query. Behind a proxy (`proxy?https://host/…/exportImage?query`) the POST goes
        /// to `proxy?https://host/…/exportImage`, the form Esri Leaflet posts through a
        /// proxy; splitting at the proxy's own `?` would post the target URL as the form.
        /// A URL whose only `?` is the proxy's has no query to move and stays a GET.
        public var postLongGetRequests: Bool = true
        /// The largest response body accepted (default 256 MiB).
        public var maximumResponseBytes: Int = 256 * 1024 * 1024
        /// The `User-Agent` header (default `ImageMap/<version> (+Swift)`).
        public var userAgent: String = "ImageMap/\(ImageServiceClient.version) (+Swift)"
        /// Asked for a token when a service answers 498 or 499, and again each time a
        /// token it gave is refused later; given the service URL (``LayerOptions/url``).
        /// A provider that throws fails the waiting requests with
        /// ``ImageServiceClientError/authenticationFailed(url:code:reason:)``.
        public var tokenProvider: (@Sendable (_ serviceURL: String) async throws -> String)?
        /// How long a request waits for a token after a 498/499 — from
        /// ``ImageServiceClient/authenticate(_:service:)`` or from the ``tokenProvider`` —
        /// before it fails with ``ImageServiceClientError/authenticationFailed(url:code:reason:)``
        /// (default 60 s). As in Esri Leaflet, the service stays "authenticating" (later
        /// requests queue) until a token arrives or the provider fails.
        public var authenticationTimeout: Duration = .seconds(60)
        /// Receives Esri Leaflet's service events (see ``ImageServiceEvent``).
        public var eventHandler: (@Sendable (ImageServiceEvent) -> Void)?
        /// A disk cache of successful image and JSON responses; `nil` (the default) for none.
        public var cache: CacheConfiguration?

        /// The defaults.
        public init() {}
    }

    /// Where and how much the client caches on disk. Entries are keyed by method, URL and
    /// body with the token taken out, written atomically (temporary file, then rename),
    /// dropped when older than ``maximumAge``, and the oldest are evicted when the
    /// directory passes ``maximumBytes``.
    public struct CacheConfiguration: Sendable {
        /// The cache directory (created if missing).
        public var directory: URL
        /// The most the cache may hold on disk (default 256 MiB).
        public var maximumBytes: Int
        /// How long an entry is used after it was stored (default 1 day).
        public var maximumAge: Duration

        public init(directory: URL, maximumBytes: Int = 256 * 1024 * 1024, maximumAge: Duration = .seconds(86_400)) {
            self.directory = directory
            self.maximumBytes = maximumBytes
            self.maximumAge = maximumAge
        }
    }
}
