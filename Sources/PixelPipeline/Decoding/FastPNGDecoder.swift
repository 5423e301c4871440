import CDeflate

/// The common PNG in our own code: non-interlaced 8-bit RGB or RGBA with no chunk that
/// changes colours (no gAMA, cHRM, iCCP, tRNS, sBIT, ...), inflated by libdeflate and
/// unfiltered by `cdeflate_png_unfilter_rgba` straight into the raster's storage, which also
/// holds the inflated rows (at its end, `height` bytes of slack: no second buffer).
///
/// Anything else, and anything wrong (a bad CRC, a truncated or corrupt stream, a bad filter
/// type, trailing data), returns `nil`, and ``PNGDecoder`` decodes the file with libpng, which
/// stays the reference: the same pixels and the same errors as before. Only the pixel limit
/// is enforced here, from IHDR, after every chunk has been checked and before allocating.
enum FastPNGDecoder {
    /// libpng's default user limits on width and height.
    static let maxDimension = 1_000_000

    /// Decodes `bytes` if it is a PNG of the kind described above, or returns `nil`.
    static func decode(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(PixelPipelineError) -> Raster? {
        guard let header = scan(bytes) else { return nil }
        try ImageLimits.check(format: .png, width: header.width, height: header.height, maxPixels: maxPixels)
        if header.idat.count == 1 {
            return inflate(UnsafeRawBufferPointer(rebasing: bytes[header.idat[0]]), header)
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(header.idat.reduce(0) { $0 + $1.count })
        for range in header.idat { joined.append(contentsOf: bytes[range]) }
        return joined.withUnsafeBytes { inflate($0, header) }
    }

    struct Header {
        var width = 0, height = 0, channels = 0
        /// The data of every IDAT chunk, in order.
        var idat: [Range<Int>] = []
    }

    /// Ancillary chunks that libpng reads and that change the decoded pixels (or that libpng
    /// checks in ways this walk does not): their files go to libpng.
    private static let fallbackAncillary: Set<String> = [
        "gAMA", "cHRM", "iCCP", "tRNS", "sBIT", "hIST", "sPLT", "bKGD", "cICP", "mDCV", "cLLI",
        "acTL", "fcTL", "fdAT", "oFFs", "pCAL", "sCAL", "eXIf",
    ]

    /// Walks the chunks from the signature to IEND, checking every CRC; `nil` unless the file
    /// is one this decoder handles and its chunk structure is sound.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Header? {
        guard let base = bytes.baseAddress, bytes.count >= 8,
              bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func be32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var header = Header()
        var position = 8, sawHeader = false, idatEnded = false
        while true {
            guard bytes.count - position >= 12 else { return nil }
            let length = be32(position)
            guard length <= Int(Int32.max), bytes.count - position - 12 >= length else { return nil }
            let type = (bytes[position + 4], bytes[position + 5], bytes[position + 6], bytes[position + 7])
            let crc = libdeflate_crc32(0, base + position + 4, length + 4)
            guard Int(crc) == be32(position + 8 + length) else { return nil }
            let data = position + 8
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position + 4 ..< position + 8]), as: UTF8.self)
            position = data + length + 4
            guard [type.0, type.1, type.2, type.3].allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else { return nil }
            if !sawHeader {
                guard name == "IHDR", length == 13 else { return nil }
                sawHeader = true
                header.width = be32(data)
                header.height = be32(data + 4)
                let depth = bytes[data + 8], colorType = bytes[data + 9]
                guard (1...maxDimension).contains(header.width), (1...maxDimension).contains(header.height),
                      depth == 8, colorType == 2 || colorType == 6,
                      bytes[data + 10] == 0, bytes[data + 11] == 0, bytes[data + 12] == 0 else { return nil }
                header.channels = colorType == 2 ? 3 : 4
                continue
            }
            if name == "IDAT" {
                guard !idatEnded else { return nil } // IDAT chunks must be consecutive
                header.idat.append(data ..< data + length)
                continue
            }
            if !header.idat.isEmpty { idatEnded = true }
            switch name {
            case "IEND":
                return length == 0 && !header.idat.isEmpty ? header : nil
            case "sRGB":
                // sRGB is what libpng assumes anyway; only a well-formed one before IDAT.
                guard length == 1, bytes[data] <= 3, header.idat.isEmpty else { return nil }
            default:
                // Unknown critical chunks (and PLTE, IHDR again) go to libpng.
                guard type.0 >= 97, !fallbackAncillary.contains(name) else { return nil }
            }
        }
    }

    private static func inflate(_ compressed: UnsafeRawBufferPointer, _ header: Header) -> Raster? {
        let (width, height, channels) = (header.width, header.height, header.channels)
        let rasterCount = width * height * Raster.bytesPerPixel
        let inflatedCount = height * (1 + width * channels)
        let capacity = rasterCount + height
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var ok = false
        let pixels = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            guard let out = buffer.baseAddress else { return }
            // The inflated rows end where the buffer ends; the RGBA rows are written from its start.
            let rows = out + (capacity - inflatedCount)
            var consumed = 0, produced = 0
            let result = libdeflate_zlib_decompress_ex(
                decompressor, compressed.baseAddress, compressed.count, rows, inflatedCount, &consumed, &produced)
            guard result == LIBDEFLATE_SUCCESS, produced == inflatedCount, consumed == compressed.count else { return }
            guard cdeflate_png_unfilter_rgba(rows, out, width, height, UInt32(channels)) == 0 else { return }
            initialized = rasterCount
            ok = true
        }
        return ok ? Raster(width: width, height: height, pixels: pixels) : nil
    }
}
