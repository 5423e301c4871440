import CCompositing

/// Stacks layers the way a browser shows a Leaflet map: each layer's straight-alpha RGBA
/// image, with its NoData pixels made transparent and its CSS opacity applied, drawn with
/// source-over onto a canvas that starts transparent.
///
/// Per pixel, with 8-bit values and alpha `a` in 0...1: a NoData pixel has `a = 0`; the
/// layer's opacity `o` gives `k = a * o`; then, on the premultiplied canvas (`P` colors,
/// `A` alpha), `P' = k * S + (1 - k) * P` and `A' = k + (1 - k) * A`.
///
/// **Rounding rule.** The canvas is kept premultiplied in `Float` in registers while all
/// layers are drawn (never rounded to 8 bits in between), then un-premultiplied once:
/// color `round(P / A)` and alpha `round(255 A)`, rounding half up; a pixel with `A = 0`
/// is `(0, 0, 0, 0)`. Every channel is within 1 of that formula evaluated in exact
/// arithmetic and correctly rounded (the unit tests check it against a `Double`
/// reference on exhaustive 8-bit sweeps and random stacks).
///
/// **Why this representation.** An 8-bit premultiplied canvas, as a browser keeps, loses
/// the color of low-alpha pixels (alpha 1 leaves only 0 or 255 on un-premultiplying); an
/// 8-bit straight canvas needs a divide per layer and rounds after every layer. Keeping
/// the premultiplied pixel in `Float` registers across all layers costs no memory traffic:
/// the kernel reads each visible layer pixel once and writes each canvas pixel once.
public enum Compositor {
    /// The largest canvas side, in pixels.
    public static let maximumSide = 1 << 30

    /// Composes `layers`, bottom first (see ``LayerStackOrder`` for the order a Leaflet map
    /// gives), onto a transparent `width` x `height` canvas.
    /// - Returns: the canvas, straight-alpha RGBA.
    /// - Throws: ``CompositingError`` when the canvas size is negative or too large, or a
    ///   layer's pixel array does not match its size.
    public static func compose(_ layers: [CompositeLayer], width: Int, height: Int)
        throws(CompositingError) -> Raster {
        try compose(layers, width: width, height: height, level: .best)
    }

    /// ``compose(_:width:height:)`` with the kernel of a given instruction-set level (one
    /// above the CPU's best runs the best).
    static func compose(_ layers: [CompositeLayer], width: Int, height: Int,
                        level: CompositingKernel.Level) throws(CompositingError) -> Raster {
        guard (0 ... maximumSide).contains(width), (0 ... maximumSide).contains(height),
              !width.multipliedReportingOverflow(by: height * Raster.bytesPerPixel).overflow
        else { throw .invalidCanvasSize(width: width, height: height) }
        try checkSizes(layers)
        let byteCount = width * height * Raster.bytesPerPixel
        guard byteCount > 0 else { return Raster(width: width, height: height) }

        let visible = visibleLayers(layers, width: width, height: height)
        let pixels = [UInt8](largeUninitializedCapacity: byteCount) { buffer, initialized in
            withBaseAddresses(visible[...], collected: []) { bases in
                let descriptors = zip(visible, bases).map { entry, base in
                    descriptor(entry.0, rect: entry.1, base: base)
                }
                descriptors.withUnsafeBufferPointer { layerBuffer in
                    if let out = buffer.baseAddress {
                        CompositingKernel.compose(into: out, width: width, height: height,
                                                  layers: layerBuffer, level: level)
                    }
                }
            }
            initialized = byteCount
        }
        return Raster(width: width, height: height, pixels: pixels)
    }

    /// The canvas after drawing `layer` onto a transparent `width` x `height` canvas: the
    /// same bytes as ``compose(_:width:height:)`` with that one layer. A layer that covers
    /// the canvas exactly, at full opacity and without noData (a basemap), is its own
    /// result: its raster becomes the canvas (with its fully transparent pixels set to
    /// (0, 0, 0, 0), if it has any), instead of a new canvas being allocated and drawn.
    /// - Throws: as ``compose(_:width:height:)``.
    public static func canvas(drawing layer: CompositeLayer, width: Int, height: Int) throws(CompositingError) -> Raster {
        guard layer.effectiveOpacity == 1, layer.noData == nil, layer.placement == .origin,
              layer.raster.width == width, layer.raster.height == height,
              layer.raster.pixels.count == width * height * Raster.bytesPerPixel else {
            return try compose([layer], width: width, height: height)
        }
        // An opaque raster (a JPEG, an RGB PNG) is shared as it is, not written: no copy.
        if layer.raster.isOpaque { return layer.raster }
        var canvas = layer.raster
        canvas.pixels.withUnsafeMutableBytes { bytes in
            // One 32-bit word a pixel; alpha is the high byte on a little-endian machine and
            // the low one on a big-endian one.
            let words = bytes.bindMemory(to: UInt32.self)
            let alpha: UInt32 = 1.littleEndian == 1 ? 0xFF00_0000 : 0x0000_00FF
            for i in words.indices where words[i] & alpha == 0 { words[i] = 0 }
        }
        return canvas
    }

    /// Composes `layers`, bottom first, onto `canvas`, a straight-alpha raster that already
    /// holds what lies below them, in place: no second canvas is allocated.
    ///
    /// The canvas enters as 8-bit straight alpha, so drawing a stack in several calls rounds
    /// between them where one ``compose(_:width:height:)`` call does not. Where the canvas
    /// below a call is opaque (a JPEG or other opaque base layer) the result stays within 1
    /// per channel of the exact one (the canvas colour is off by at most 1/2 and is weighted
    /// by `1 - k`); under a semi-transparent canvas, alpha rounded to 8 bits can shift the
    /// colours of low-alpha pixels by more. One call is exactly ``compose(_:width:height:)``
    /// with the canvas as the bottom layer.
    /// - Throws: ``CompositingError/malformedRaster(layer:expectedBytes:actualBytes:)`` when
    ///   a layer's (or the canvas's, as layer -1) pixel array does not match its size.
    public static func compose(_ layers: [CompositeLayer], onto canvas: inout Raster) throws(CompositingError) {
        let width = canvas.width, height = canvas.height
        let canvasBytes = width * height * Raster.bytesPerPixel
        guard canvas.pixels.count == canvasBytes else {
            throw .malformedRaster(layer: -1, expectedBytes: canvasBytes, actualBytes: canvas.pixels.count)
        }
        try checkSizes(layers)
        guard canvasBytes > 0 else { return }
        let visible = visibleLayers(layers, width: width, height: height)
        guard !visible.isEmpty else { return }
        canvas.pixels.withUnsafeMutableBufferPointer { buffer in
            guard let out = buffer.baseAddress else { return }
            // The canvas is its own bottom layer: the kernel reads each 16-pixel vector of it
            // before it writes that vector back, and no vector reads another's pixels.
            let below = ccomp_layer(pixels: UnsafePointer(out), row_bytes: width * Raster.bytesPerPixel,
                                    x: 0, y: 0, width: Int32(width), height: Int32(height),
                                    alpha_scale: Float(1.0 / 255), nodata_mode: Int32(CCOMP_NODATA_NONE.rawValue),
                                    nodata: (-1, -1, -1))
            withBaseAddresses(visible[...], collected: []) { bases in
                let descriptors = [below] + zip(visible, bases).map { entry, base in
                    descriptor(entry.0, rect: entry.1, base: base)
                }
                descriptors.withUnsafeBufferPointer { layerBuffer in
                    CompositingKernel.compose(into: out, width: width, height: height,
                                              layers: layerBuffer, level: .best)
                }
            }
        }
    }

    private static func checkSizes(_ layers: [CompositeLayer]) throws(CompositingError) {
        for (index, layer) in layers.enumerated() {
            let expected = layer.raster.width * layer.raster.height * Raster.bytesPerPixel
            guard layer.raster.pixels.count == expected else {
                throw .malformedRaster(layer: index, expectedBytes: expected,
                                       actualBytes: layer.raster.pixels.count)
            }
        }
    }

    private static func visibleLayers(_ layers: [CompositeLayer], width: Int, height: Int) -> [(CompositeLayer, VisibleRect)] {
        layers.compactMap { layer -> (CompositeLayer, VisibleRect)? in
            layer.placement.visibleRect(imageWidth: layer.raster.width, imageHeight: layer.raster.height,
                                        canvasWidth: width, canvasHeight: height)
                .map { (layer, $0) }
        }
    }

    /// The kernel's view of one visible layer; `base` is the start of its pixels.
    private static func descriptor(_ layer: CompositeLayer, rect: VisibleRect,
                                   base: UnsafePointer<UInt8>) -> ccomp_layer {
        let rowBytes = layer.raster.width * Raster.bytesPerPixel
        let first = base + rect.imageY * rowBytes + rect.imageX * Raster.bytesPerPixel
        var mode = CCOMP_NODATA_NONE
        var values: (Int32, Int32, Int32) = (-1, -1, -1)
        if let noData = layer.noData {
            mode = noData.interpretation == .matchAny ? CCOMP_NODATA_ANY : CCOMP_NODATA_ALL
            values = noData.bandValues
        }
        return ccomp_layer(pixels: first, row_bytes: rowBytes,
                           x: Int32(rect.canvasX), y: Int32(rect.canvasY),
                           width: Int32(rect.width), height: Int32(rect.height),
                           alpha_scale: Float(layer.effectiveOpacity / 255),
                           nodata_mode: Int32(mode.rawValue), nodata: values)
    }

    /// Calls `body` with the base address of every visible layer's pixels, all valid at once.
    private static func withBaseAddresses(
        _ layers: ArraySlice<(CompositeLayer, VisibleRect)>, collected: [UnsafePointer<UInt8>],
        _ body: ([UnsafePointer<UInt8>]) -> Void
    ) {
        guard let first = layers.first else { return body(collected) }
        first.0.raster.pixels.withUnsafeBufferPointer { buffer in
            // A visible layer has at least one pixel, so its buffer has a base address.
            guard let base = buffer.baseAddress else { return }
            withBaseAddresses(layers.dropFirst(), collected: collected + [base], body)
        }
    }
}
