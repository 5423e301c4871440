import CTurboJPEG

/// Encodes a ``Raster`` as a baseline JPEG through TurboJPEG. JPEG has no alpha: pixels that
/// are not opaque are first flattened over ``background`` (straight-alpha "over", rounded).
public struct JPEGEncoder: Sendable {
    /// How much colour resolution the JPEG keeps.
    public enum ChromaSubsampling: Sendable, Equatable {
        /// Full colour resolution (4:4:4).
        case yuv444
        /// Half horizontal colour resolution (4:2:2).
        case yuv422
        /// Half horizontal and vertical colour resolution (4:2:0): the usual choice for photos.
        case yuv420
    }

    /// An opaque colour to flatten transparent pixels over.
    public struct Background: Sendable, Equatable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(red: UInt8, green: UInt8, blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }
        /// White, the default.
        public static let white = Background(red: 255, green: 255, blue: 255)
        /// Black.
        public static let black = Background(red: 0, green: 0, blue: 0)
    }

    /// Quality 1...100.
    public let quality: Int
    /// Chroma subsampling; 4:2:0 by default.
    public let chromaSubsampling: ChromaSubsampling
    /// The colour under transparent and semi-transparent pixels; white by default.
    public let background: Background

    /// An encoder.
    /// - Throws: ``PixelPipelineError/invalidJPEGQuality(_:)`` unless `quality` is in 1...100.
    public init(quality: Int = 85, chromaSubsampling: ChromaSubsampling = .yuv420,
                background: Background = .white) throws(PixelPipelineError) {
        guard (1...100).contains(quality) else { throw .invalidJPEGQuality(quality) }
        self.quality = quality
        self.chromaSubsampling = chromaSubsampling
        self.background = background
    }

    /// The JPEG file for `raster`.
    /// - Throws: ``PixelPipelineError/emptyRaster(width:height:)``, or `encodingFailed` with
    ///   TurboJPEG's message.
    public func encode(_ raster: Raster) throws(PixelPipelineError) -> [UInt8] {
        let width = raster.width, height = raster.height
        guard width > 0, height > 0 else { throw .emptyRaster(width: width, height: height) }
        guard width <= 65_500, height <= 65_500 else {
            throw .encodingFailed(format: .jpeg, reason: "\(width)x\(height) is beyond JPEG's 65500-pixel limit")
        }
        guard let turbo = TurboJPEGHandle(compressor: ()) else {
            throw .encodingFailed(format: .jpeg, reason: "TurboJPEG could not create a compressor")
        }
        // Opaque rasters go to TurboJPEG as they are (RGBX ignores the fourth byte).
        let flattened: [UInt8]? = raster.isOpaque ? nil : RasterFlattener.flatten(raster, over: background)
        let subsampling: TJSAMP = switch chromaSubsampling {
        case .yuv444: TJSAMP_444
        case .yuv422: TJSAMP_422
        case .yuv420: TJSAMP_420
        }

        var jpeg: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { if let jpeg { tjFree(jpeg) } }
        let status = (flattened ?? raster.pixels).withUnsafeBufferPointer { pixels in
            tjCompress2(turbo.handle, pixels.baseAddress, Int32(width), Int32(width * Raster.bytesPerPixel), Int32(height),
                        Int32(TJPF_RGBX.rawValue), &jpeg, &size, Int32(subsampling.rawValue), Int32(quality), 0)
        }
        guard status == 0, let jpeg else { throw .encodingFailed(format: .jpeg, reason: turbo.lastError) }
        return Array(UnsafeBufferPointer(start: jpeg, count: Int(size)))
    }
}
