/// exportImage's `format`: the encoding the server should use for the image.
public enum ExportImageFormat: String, Sendable, CaseIterable {
    /// JPEG when the image has no transparent pixel, PNG otherwise (the default).
    case jpgpng, png, png8, png24, png32, jpg, bmp, gif, tiff, lerc, bip, bsq

    /// Reads a format name; the documentation's spelling `jpegpng` means ``jpgpng``.
    public init(parsing name: String) throws(OptionError) {
        if name == "jpegpng" {
            self = .jpgpng
        } else if let format = ExportImageFormat(rawValue: name) {
            self = format
        } else {
            throw OptionError(path: "format", value: .string(name), allowed:
                "expected one of " + ExportImageFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (or jpegpng for jpgpng)")
        }
    }
}

/// Esri Leaflet's `f` option: how exportImage answers.
public enum ResponseFormat: String, Sendable, CaseIterable {
    /// The image bytes themselves (`f=image`, the default).
    case image
    /// A JSON object whose `href` names the image on the server (`f=json`).
    case json
}

/// exportImage's `pixelType`: the pixel type of the processed raster before encoding.
public enum PixelType: String, Sendable, CaseIterable {
    case C128, C64, F32, F64, S16, S32, S8, U1, U16, U2, U32, U4, U8, UNKNOWN
}

/// exportImage's `interpolation`: how the server resamples.
public enum Interpolation: String, Sendable, CaseIterable {
    case bilinear = "RSP_BilinearInterpolation"
    case cubicConvolution = "RSP_CubicConvolution"
    case majority = "RSP_Majority"
    case nearestNeighbor = "RSP_NearestNeighbor"
}
