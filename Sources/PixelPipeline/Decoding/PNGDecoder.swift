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
/// ``FastPNGDecoder`` (about 2–2.7x faster); libpng decodes whatever it declines.
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
    /// The file is first tried with ``FastPNGDecoder`` (which reads it in pieces too, and
    /// needs no buffer besides the raster); libpng reads it only if that declines.
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

    /// ``FastPNGDecoder`` over the rest of `file`, read with `pread` (a pipe declines); the
    /// file position is not moved.
    private static func fastDecode(file: UnsafeMutablePointer<FILE>, maxPixels: Int) throws(PixelPipelineError) -> Raster? {
        let start = ftello(file)
        guard start >= 0 else { return nil }
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: FilePNGSource.pieceSize, alignment: 64)
        defer { window.deallocate() }
        var source = FilePNGSource(descriptor: fileno(file), start: Int(start), window: window)
        return try FastPNGDecoder.decode(&source, maxPixels: maxPixels)
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
        let pixels = [UInt8](largeUninitializedCapacity: count) { buffer, initialized in
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

/// A PNG in a file, read with `pread` from `start` through a window of ``pieceSize`` bytes:
/// reads inside the window cost no system call (a PNG's chunks are often 8 KiB).
struct FilePNGSource: PNGByteSource {
    static var pieceSize: Int { 256 * 1024 }
    let descriptor: Int32
    /// The file offset of the PNG's first byte.
    let start: Int
    /// ``pieceSize`` bytes, owned by the caller.
    let window: UnsafeMutableRawBufferPointer
    /// The PNG offsets the window holds.
    private var held = 0..<0

    init(descriptor: Int32, start: Int, window: UnsafeMutableRawBufferPointer) {
        self.descriptor = descriptor
        self.start = start
        self.window = window
    }

    mutating func read(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard let base = window.baseAddress, offset >= 0, count >= 0, count <= window.count else { return nil }
        if offset < held.lowerBound || offset + count > held.upperBound {
            var filled = 0
            while filled < window.count {
                let n = pread(descriptor, base + filled, window.count - filled, off_t(start + offset + filled))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                filled += n
            }
            held = offset ..< offset + filled
            guard filled >= count else { return nil }
        }
        return UnsafeRawBufferPointer(start: base + (offset - held.lowerBound), count: count)
    }
}
