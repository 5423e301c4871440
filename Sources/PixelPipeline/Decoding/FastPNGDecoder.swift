import CDeflate

/// The common PNG in our own code: non-interlaced 8-bit RGB or RGBA with no chunk that
/// changes colours (no gAMA, cHRM, iCCP, tRNS, sBIT, ...), decoded in one pass over its
/// chunks: IDAT's zlib stream is inflated piece by piece (`cdeflate_inflater`, ISA-L) into the
/// end of the raster's own storage (`height` bytes of slack: no second buffer), then
/// unfiltered into RGBA in place by `cdeflate_png_unfilter_rgba`. From a file, the bytes are
/// read in pieces of ``FilePNGSource/pieceSize``, so the compressed file is never held whole.
///
/// Anything else, and anything wrong (a bad CRC, a truncated or corrupt stream, a bad filter
/// type, trailing data), returns `nil`, and ``PNGDecoder`` decodes the file with libpng, which
/// stays the reference: the same pixels and the same errors as before. Only the pixel limit
/// is enforced here, from IHDR (after its CRC is checked), before allocating, as libpng's
/// path does.
enum FastPNGDecoder {
    /// libpng's default user limits on width and height.
    static let maxDimension = 1_000_000

    /// Decodes the PNG in `bytes` if it is of the kind described above, or returns `nil`.
    static func decode(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(PixelPipelineError) -> Raster? {
        var source = MemoryPNGSource(bytes: bytes)
        return try decode(&source, maxPixels: maxPixels)
    }

    /// Decodes the PNG that `source` reads if it is of the kind described above, or returns `nil`.
    static func decode<Source: PNGByteSource>(_ source: inout Source, maxPixels: Int) throws(PixelPipelineError) -> Raster? {
        guard let header = readHeader(&source) else { return nil }
        let (width, height, channels) = (header.width, header.height, header.channels)
        try ImageLimits.check(format: .png, width: width, height: height, maxPixels: maxPixels)
        let rasterCount = width * height * Raster.bytesPerPixel
        let inflatedCount = height * (1 + width * channels)
        let capacity = rasterCount + height
        var ok = false
        let pixels = [UInt8](largeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            guard let out = buffer.baseAddress else { return }
            // The inflated rows end where the buffer ends; the RGBA rows are written from its start.
            let rows = out + (capacity - inflatedCount)
            guard let inflater = cdeflate_inflater_new(rows, inflatedCount) else { return }
            defer { cdeflate_inflater_free(inflater) }
            guard readChunks(&source, from: header.end, into: inflater),
                  cdeflate_inflater_produced(inflater) == inflatedCount,
                  cdeflate_png_unfilter_rgba(rows, out, width, height, UInt32(channels)) == 0 else { return }
            initialized = rasterCount
            ok = true
        }
        return ok ? Raster(width: width, height: height, pixels: pixels) : nil
    }

    struct Header {
        var width: Int, height: Int, channels: Int
        /// Where the chunk after IHDR starts.
        var end: Int
    }

    /// Ancillary chunks that libpng reads and that change the decoded pixels (or that libpng
    /// checks in ways this walk does not): their files go to libpng.
    private static let fallbackAncillary: Set<String> = [
        "gAMA", "cHRM", "iCCP", "tRNS", "sBIT", "hIST", "sPLT", "bKGD", "cICP", "mDCV", "cLLI",
        "acTL", "fcTL", "fdAT", "oFFs", "pCAL", "sCAL", "eXIf",
    ]

    private static func be32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    /// The signature and IHDR, its CRC checked; `nil` unless this decoder handles the image.
    private static func readHeader<Source: PNGByteSource>(_ source: inout Source) -> Header? {
        guard let signature = source.read(at: 0, count: 8),
              signature.elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              let chunk = source.read(at: 8, count: 8 + 13 + 4), let base = chunk.baseAddress,
              be32(chunk, 0) == 13, chunk[4 ..< 8].elementsEqual(Array("IHDR".utf8)),
              Int(libdeflate_crc32(0, base + 4, 4 + 13)) == be32(chunk, 8 + 13) else { return nil }
        let width = be32(chunk, 8), height = be32(chunk, 12)
        let depth = chunk[16], colorType = chunk[17]
        guard (1...maxDimension).contains(width), (1...maxDimension).contains(height),
              depth == 8, colorType == 2 || colorType == 6,
              chunk[18] == 0, chunk[19] == 0, chunk[20] == 0 else { return nil }
        return Header(width: width, height: height, channels: colorType == 2 ? 3 : 4, end: 8 + 8 + 13 + 4)
    }

    /// Where a chunk walk is relative to the IDAT chunks.
    private enum Stage { case beforeData, inData, afterData }

    /// Reads the chunks from `start` to IEND, checking every CRC and feeding IDAT's data to
    /// `inflater`; `true` if the file is one this decoder handles, its chunk structure is
    /// sound and the zlib stream ended exactly with the last IDAT.
    private static func readChunks<Source: PNGByteSource>(_ source: inout Source, from start: Int,
                                                         into inflater: OpaquePointer) -> Bool {
        var stage = Stage.beforeData
        var position = start
        while true {
            guard let head = source.read(at: position, count: 8), let headBase = head.baseAddress else { return false }
            let length = be32(head, 0)
            guard length <= Int(Int32.max),
                  head[4 ..< 8].allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else { return false }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: head[4 ..< 8]), as: UTF8.self)
            let isCritical = head[4] < 97
            var crc = libdeflate_crc32(0, headBase + 4, 4)

            if name == "IDAT" {
                guard stage != .afterData else { return false }  // IDAT chunks must be consecutive
                stage = .inData
            } else if stage == .inData {
                stage = .afterData
            }
            switch name {
            case "IDAT", "IEND":
                break
            case "sRGB":
                // sRGB is what libpng assumes anyway; only a well-formed one before IDAT.
                guard length == 1, stage == .beforeData else { return false }
            default:
                // Critical chunks (PLTE, a second IHDR, unknown ones) go to libpng, as do the
                // ancillary ones that change pixels.
                guard !isCritical, !fallbackAncillary.contains(name) else { return false }
            }

            var offset = position + 8
            var remaining = length
            while remaining > 0 {
                let count = min(remaining, Source.pieceSize)
                guard let piece = source.read(at: offset, count: count) else { return false }
                crc = libdeflate_crc32(crc, piece.baseAddress, count)
                if name == "IDAT" {
                    guard cdeflate_inflater_feed(inflater, piece.baseAddress?.assumingMemoryBound(to: UInt8.self), count) >= 0 else { return false }
                } else if name == "sRGB" {
                    guard piece[0] <= 3 else { return false }
                }
                offset += count
                remaining -= count
            }
            guard let tail = source.read(at: offset, count: 4), be32(tail, 0) == Int(crc) else { return false }
            position = offset + 4
            if name == "IEND" {
                // The stream must have ended (a zero-length feed only reports the state).
                return length == 0 && stage == .afterData && cdeflate_inflater_feed(inflater, nil, 0) == 1
            }
        }
    }
}

/// Where ``FastPNGDecoder`` reads a PNG's bytes.
protocol PNGByteSource {
    /// The most bytes one ``read(at:count:)`` is asked for (chunk data is read in pieces).
    static var pieceSize: Int { get }
    /// The `count` bytes at `offset` from the PNG's first byte, valid until the next call;
    /// `nil` if there are fewer.
    mutating func read(at offset: Int, count: Int) -> UnsafeRawBufferPointer?
}

/// A PNG in memory.
struct MemoryPNGSource: PNGByteSource {
    static var pieceSize: Int { Int.max }
    let bytes: UnsafeRawBufferPointer

    func read(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count])
    }
}
