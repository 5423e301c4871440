import CPNG
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// PNG → RGBA8 through libpng's simplified `png_image_*` API, which reports errors by
/// return value (no longjmp crosses Swift) and converts every colour type and bit depth.
///
/// Conversions (libpng's): gray 1/2/4 bits are scaled to 8 (`v * 255 / (2^bits - 1)`), palette
/// and tRNS become alpha, missing alpha is 255. 16-bit samples are taken as sRGB-encoded
/// (`PNG_IMAGE_FLAG_16BIT_sRGB`: no gamma curve is applied to files without gAMA/sRGB
/// chunks) and scaled to 8 bits as `(v * 255 + 32895) >> 16`, i.e. `v / 257` rounded.
/// A gAMA chunk is honoured as browsers honour it (an sRGB chunk means no change): samples are re-encoded
/// to sRGB, so a file marked gAMA 1.0 decodes brighter than its raw samples.
///
/// The common case (8-bit RGB/RGBA, not interlaced, no colour chunks) is first offered to
/// ``FastPNGDecoder`` (libdeflate, about 2–2.7x faster); libpng decodes whatever it declines.
enum PNGDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(PixelPipelineError) -> Raster {
        guard bytes.baseAddress != nil else { throw .notAnImage(looksLike: "an empty body") }
        if let raster = try FastPNGDecoder.decode(bytes, maxPixels: maxPixels) { return raster }
        return try decodeWithLibpng(bytes, maxPixels: maxPixels)
    }

    /// `bytes` decoded by libpng alone (the reference the fast path is tested against).
    static func decodeWithLibpng(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(PixelPipelineError) -> Raster {
        guard let base = bytes.baseAddress else { throw .notAnImage(looksLike: "an empty body") }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }

        guard png_image_begin_read_from_memory(&image, base, bytes.count) != 0 else {
            throw .corruptImage(format: .png, reason: message(of: &image))
        }
        return try finishRead(&image, maxPixels: maxPixels)
    }

    /// Decodes the PNG that `file` reads from its current position, streaming: only libpng's
    /// row buffers are held besides the raster, not the compressed file.
    ///
    /// A regular file is first mapped and tried with ``FastPNGDecoder`` (which needs no
    /// buffer besides the raster either); libpng reads it only if that declines.
    static func decode(file: UnsafeMutablePointer<FILE>, maxPixels: Int) throws(PixelPipelineError) -> Raster {
        if let raster = try fastDecode(file: file, maxPixels: maxPixels) { return raster }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_stdio(&image, file) != 0 else {
            throw .corruptImage(format: .png, reason: message(of: &image))
        }
        return try finishRead(&image, maxPixels: maxPixels)
    }

    /// ``FastPNGDecoder`` over the mapped rest of `file`; the file position is not moved.
    private static func fastDecode(file: UnsafeMutablePointer<FILE>, maxPixels: Int) throws(PixelPipelineError) -> Raster? {
        let descriptor = fileno(file)
        let start = ftello(file)
        var status = stat()
        guard descriptor >= 0, start >= 0, fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              status.st_size > start, let size = Int(exactly: status.st_size) else { return nil }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), map != MAP_FAILED else { return nil }
        defer { munmap(map, size) }
        let bytes = UnsafeRawBufferPointer(start: map + Int(start), count: size - Int(start))
        return try FastPNGDecoder.decode(bytes, maxPixels: maxPixels)
    }

    /// Checks the header that `png_image_begin_read_*` read and decodes the pixels.
    private static func finishRead(_ image: inout png_image, maxPixels: Int) throws(PixelPipelineError) -> Raster {
        let width = Int(image.width), height = Int(image.height)
        try ImageLimits.check(format: .png, width: width, height: height, maxPixels: maxPixels)
        guard width <= Int(Int32.max) / Raster.bytesPerPixel else {
            throw .unsupportedImage(format: .png, reason: "a width of \(width) pixels is wider than libpng can address")
        }

        image.format = CPNG_FORMAT_RGBA
        image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
        let count = width * height * Raster.bytesPerPixel
        var failure: String?
        // libpng writes straight into the raster's storage: no intermediate buffer.
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let stride = Int32(width * Raster.bytesPerPixel)
            if png_image_finish_read(&image, nil, buffer.baseAddress, stride, nil) != 0 {
                initialized = count
            } else {
                failure = message(of: &image)
                initialized = 0
            }
        }
        if let failure { throw .corruptImage(format: .png, reason: failure) }
        return Raster(width: width, height: height, pixels: pixels)
    }

    private static func message(of image: inout png_image) -> String {
        let text = String(cString: cpng_image_message(&image))
        return text.isEmpty ? "libpng reported an error without a message" : text
    }
}
