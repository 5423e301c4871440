import LayerOptions

/// The image an exportImage request returned, checked to be a PNG or a JPEG.
public struct ExportedImage: Sendable, Equatable {
    /// The encoded image.
    public let bytes: [UInt8]
    /// PNG or JPEG, from the first bytes.
    public let format: ImageFormat
    /// The `Content-Type` the server sent (it is not trusted for ``format``).
    public let contentType: String?
    /// The URL the image came from, token redacted: the export URL for `f=image`, the
    /// `href` (behind the proxy) for `f=json`.
    public let url: String
    /// For `f=json`: the service's answer naming the image (`href`, `width`, `height`,
    /// `extent`, `scale`); `nil` for `f=image` and for an image read from the cache.
    public let exportResponse: JSONValue?
    /// Whether the image was read from the disk cache.
    public let fromCache: Bool
}
