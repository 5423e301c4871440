import CTurboJPEG

/// JPEG (gray, YCbCr/RGB) → RGBA8 with alpha 255 through TurboJPEG, decoded straight into
/// the raster's storage. CMYK/YCCK JPEGs are refused. Warnings (a truncated scan, extra bytes)
/// are errors: a server's image must decode cleanly.
enum JPEGDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws(PixelPipelineError) -> Raster {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw .notAnImage(looksLike: "an empty body")
        }
        guard let turbo = TurboJPEGHandle(decompressor: ()) else {
            throw .corruptImage(format: .jpeg, reason: "TurboJPEG could not create a decompressor")
        }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(turbo.handle, base, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0 else {
            throw .corruptImage(format: .jpeg, reason: turbo.lastError)
        }
        if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
            throw .unsupportedImage(format: .jpeg, reason: "its colour space is CMYK, which map images do not use")
        }
        try ImageLimits.check(format: .jpeg, width: Int(width), height: Int(height), maxPixels: maxPixels)

        let count = Int(width) * Int(height) * Raster.bytesPerPixel
        var failure: String?
        let pixels = [UInt8](largeUninitializedCapacity: count) { buffer, initialized in
            let flags = TJFLAG_LIMITSCANS | TJFLAG_STOPONWARNING
            let pitch = width * Int32(Raster.bytesPerPixel)
            if tjDecompress2(turbo.handle, base, UInt(bytes.count), buffer.baseAddress, width, pitch, height,
                             Int32(TJPF_RGBA.rawValue), flags) == 0 {
                initialized = count
            } else {
                failure = turbo.lastError
                initialized = 0
            }
        }
        if let failure { throw .corruptImage(format: .jpeg, reason: failure) }
        return Raster(width: Int(width), height: Int(height), pixels: pixels)
    }
}
