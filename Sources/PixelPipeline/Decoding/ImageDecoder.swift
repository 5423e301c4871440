import Dispatch

/// Decodes PNG and JPEG bodies into ``Raster``s. The format is sniffed from the bytes;
/// anything else (an ArcGIS JSON error, an HTML page, an empty body) is reported as such.
public enum ImageDecoder {
    /// The default pixel limit: 100 megapixels (a 10000x10000 image, 400 MB as RGBA).
    public static let defaultMaxPixels = 100_000_000

    /// Decodes one PNG or JPEG image into RGBA8.
    ///
    /// - Parameters:
    ///   - bytes: the whole encoded image (for example an `exportImage` response body).
    ///   - maxPixels: images whose header announces more than `width * height` pixels are
    ///     refused with ``PixelPipelineError/imageTooLarge(format:width:height:maxPixels:)``
    ///     before any pixel memory is allocated.
    /// - Throws: ``PixelPipelineError/serverError(code:message:details:)`` for an ArcGIS
    ///   error body, ``PixelPipelineError/notAnImage(looksLike:)`` for other bytes,
    ///   `corruptImage`, `unsupportedImage` or `imageTooLarge` for bad images.
    public static func decode(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels) throws(PixelPipelineError) -> Raster {
        try bytes.withUnsafeBytes { decodeResult($0, maxPixels: maxPixels) }.get()
    }

    /// Decodes one PNG or JPEG image from memory the caller owns (a `Data`, a NIO
    /// `ByteBuffer`, a memory-mapped file) without copying it first. See ``decode(_:maxPixels:)``.
    public static func decode(bytes: UnsafeRawBufferPointer, maxPixels: Int = defaultMaxPixels) throws(PixelPipelineError) -> Raster {
        try decodeResult(bytes, maxPixels: maxPixels).get()
    }

    /// Decodes several images in parallel on all cores. The results are in the order of
    /// `images`; each image succeeds or fails on its own.
    public static func decodeAll(_ images: [[UInt8]], maxPixels: Int = defaultMaxPixels) -> [Result<Raster, PixelPipelineError>] {
        guard images.count > 1 else {
            return images.map { bytes in bytes.withUnsafeBytes { decodeResult($0, maxPixels: maxPixels) } }
        }
        let results = ResultSlots<Raster>(count: images.count)
        DispatchQueue.concurrentPerform(iterations: images.count) { index in
            images[index].withUnsafeBytes { results.store(decodeResult($0, maxPixels: maxPixels), at: index) }
        }
        return results.collect()
    }

    static func decodeResult(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) -> Result<Raster, PixelPipelineError> {
        do throws(PixelPipelineError) {
            switch ImageFormat(sniffing: bytes) {
            case .png: return .success(try PNGDecoder.decode(bytes, maxPixels: maxPixels))
            case .jpeg: return .success(try JPEGDecoder.decode(bytes, maxPixels: maxPixels))
            case nil: return .failure(NonImageBody.error(for: bytes))
            }
        } catch {
            return .failure(error)
        }
    }
}
