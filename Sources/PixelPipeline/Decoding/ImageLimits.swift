/// The pixel-count guard every decoder runs on the header, before allocating anything.
enum ImageLimits {
    static func check(format: ImageFormat, width: Int, height: Int, maxPixels: Int) throws(PixelPipelineError) {
        guard width > 0, height > 0 else {
            throw .corruptImage(format: format, reason: "the header gives a size of \(width)x\(height) pixels")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            throw .imageTooLarge(format: format, width: width, height: height, maxPixels: maxPixels)
        }
    }
}
