import LayerOptions

/// The result of ``LocalImageService/exportImage(_:)``: the encoded image and what the
/// `f=json` answer of exportImage reports about it.
public struct ExportedImage: Sendable {
    /// The PNG or JPEG file.
    public let bytes: [UInt8]
    /// `image/png` or `image/jpeg`, after `jpgpng` made its choice.
    public let contentType: String
    /// `png` or `jpg`, for an output file name.
    public let fileExtension: String
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The extent actually rendered (after `adjustAspectRatio` widened it), in `imageSR`:
    /// `{"xmin":…,"ymin":…,"xmax":…,"ymax":…,"spatialReference":{"wkid":…,"latestWkid":…}}`.
    public let extent: JSONValue
}
