import Synchronization
/// Encodes a ``Raster`` as an 8-bit PNG: RGB when every pixel is opaque, RGBA otherwise.
///
/// The image data is filtered and compressed in horizontal stripes on all cores, joined
/// into the single zlib stream a PNG requires (``StripedZlibCompressor``), and framed with
/// IHDR, the text chunks, IDAT and IEND.
public struct PNGEncoder: Sendable {
    /// Speed against size.
    public enum Compression: Sendable, Equatable {
        /// "Up" filter and the fast deflate encoder (FastDeflate.c, greedy matching that
        /// speeds through incompressible data), spread over all cores: on a photo-like
        /// composite 19x less CPU than libpng's defaults (zlib 6, adaptive filters), 35x
        /// faster on two cores, 3–6 % larger (scripts/codec-measurements.md).
        case fast
        /// Per-row adaptive filters and libdeflate level 10: about 10 % smaller than
        /// libpng's defaults, for 0.8–1.25x their CPU time, spread over all cores
        /// (levels 11 and 12 gain under 0.1 % more for 10–20 % more time).
        case smallest
    }

    /// Speed against size; `.fast` unless set.
    public var compression: Compression
    /// Text chunks written after the header, in order (for example the copyright).
    public var textChunks: [PNGTextChunk]

    /// An encoder; `.fast` and no text by default.
    public init(compression: Compression = .fast, textChunks: [PNGTextChunk] = []) {
        self.compression = compression
        self.textChunks = textChunks
    }

    /// The PNG file for `raster`.
    /// - Throws: ``PixelPipelineError/emptyRaster(width:height:)`` for a raster without
    ///   pixels, `encodingFailed` if compression fails.
    public func encode(_ raster: Raster) throws(PixelPipelineError) -> [UInt8] {
        try encode(raster, stripes: nil)
    }

    /// `stripes`, if given, fixes how many stripes are compressed (tests exercise the join).
    func encode(_ raster: Raster, stripes: Int?) throws(PixelPipelineError) -> [UInt8] {
        let file = Mutex<[UInt8]>([])
        try encode(raster, stripes: stripes) { bytes throws(PixelPipelineError) in
            file.withLock { $0.append(contentsOf: bytes) }
        }
        return file.withLock { $0 }
    }

    /// Encodes `raster` and hands the PNG file to `write` in consecutive pieces (the header
    /// chunks, then each compressed stripe in its IDAT chunk as soon as it and the stripes
    /// before it are ready, then IEND), so that writing overlaps compressing. `write` is
    /// called from the compressing threads, one call at a time, in file order; if it throws,
    /// encoding stops and its error is thrown.
    public func encode(_ raster: Raster, stripes: Int? = nil,
                       writingTo write: @Sendable (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void) throws(PixelPipelineError) {
        let width = raster.width, height = raster.height
        guard width > 0, height > 0 else { throw .emptyRaster(width: width, height: height) }
        guard width <= Int(Int32.max) / 4, height <= Int(Int32.max) else {
            throw .encodingFailed(format: .png, reason: "\(width)x\(height) is beyond PNG's 2^31 - 1 limit")
        }
        let channels = raster.isOpaque ? 3 : 4
        let rowBytes = PNGRowFilter.filteredRowBytes(width: width, channels: channels)
        let (strategy, method): (PNGRowFilter.Strategy, StripedZlibCompressor.Method) = switch compression {
        case .fast: (.up, .fast)
        case .smallest: (.adaptive, .libdeflate(level: 10))
        }

        var writer = PNGChunkWriter(reservingCapacity: 1024)
        writer.appendHeader(width: width, height: height, colorType: channels == 3 ? 2 : 6)
        for chunk in textChunks { writer.append(type: chunk.type, data: chunk.data) }
        try writer.bytes.withBytes { bytes throws(PixelPipelineError) in try write(bytes) }

        try raster.pixels.withUnsafeBufferPointer { pixels throws(PixelPipelineError) in
            guard let base = pixels.baseAddress else { throw PixelPipelineError.emptyRaster(width: width, height: height) }
            let source = ReadOnlyPixels(base: base)
            try StripedZlibCompressor.compress(rowCount: height, rowBytes: rowBytes, method: method, stripes: stripes) { rows, out in
                PNGRowFilter.filter(pixels: source.base, width: width, rows: rows, channels: channels, strategy: strategy, into: out)
            } emit: { piece throws(PixelPipelineError) in
                let (head, tail) = PNGChunkWriter.framing(type: Array("IDAT".utf8), data: piece)
                try head.withBytes { bytes throws(PixelPipelineError) in try write(bytes) }
                try write(piece)
                try tail.withBytes { bytes throws(PixelPipelineError) in try write(bytes) }
            }
        }
        let (head, tail) = PNGChunkWriter.framing(type: Array("IEND".utf8), data: UnsafeRawBufferPointer(start: nil, count: 0))
        try (head + tail).withBytes { bytes throws(PixelPipelineError) in try write(bytes) }
    }
}
