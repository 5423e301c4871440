/// One layer to compose: an image, where it sits on the canvas, its opacity and its
/// NoData values.
public struct CompositeLayer: Sendable, Equatable {
    /// The layer's image, straight-alpha RGBA.
    public var raster: Raster
    /// Where the image sits on the canvas.
    public var placement: LayerPlacement
    /// The layer's opacity, as CSS `opacity`: clamped to 0...1, and NaN counts as 1 (CSS
    /// ignores an invalid value).
    public var opacity: Double
    /// The values that make a pixel transparent, or `nil` for none.
    public var noData: NoDataMask?

    /// A layer drawing `raster` at `placement` with `opacity`, transparent where `noData`
    /// matches.
    public init(raster: Raster, placement: LayerPlacement = .origin, opacity: Double = 1,
                noData: NoDataMask? = nil) {
        self.raster = raster
        self.placement = placement
        self.opacity = opacity
        self.noData = noData
    }

    /// The opacity as the compositor applies it: in 0...1.
    var effectiveOpacity: Double {
        opacity.isNaN ? 1 : min(max(opacity, 0), 1)
    }
}
