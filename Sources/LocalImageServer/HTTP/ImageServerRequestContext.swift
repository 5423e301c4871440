import Hummingbird

/// The request context of the local Image Service: Hummingbird's core storage plus the
/// address the connection arrived on, which names the server in an `href` when a request
/// carries no `Host` header.
struct ImageServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// `host:port` of the local end of the connection (`[::1]:8080` for IPv6), if known.
    let localAuthority: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        if let address = source.channel.localAddress, let ip = address.ipAddress, let port = address.port {
            localAuthority = (ip.contains(":") ? "[\(ip)]" : ip) + ":\(port)"
        } else {
            localAuthority = nil
        }
    }

    /// Form bodies are read up to ``RequestParameterReader/maximumBodySize``.
    var maxUploadSize: Int { RequestParameterReader.maximumBodySize }
}
