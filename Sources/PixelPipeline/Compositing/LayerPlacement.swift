/// Where a layer's image sits on the canvas: the canvas pixel that the image's top-left
/// pixel lands on. It may be negative, and the image may stick out of the canvas on any
/// side; only the part inside the canvas is drawn.
public struct LayerPlacement: Sendable, Hashable {
    /// Canvas column of the image's left edge, in pixels (negative: cut off on the left).
    public var x: Int
    /// Canvas row of the image's top edge, in pixels (negative: cut off at the top).
    public var y: Int

    /// An image whose top-left pixel lands on canvas pixel (`x`, `y`).
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The image's top-left pixel on the canvas's top-left pixel.
    public static let origin = LayerPlacement(x: 0, y: 0)

    /// The part of an `imageWidth` x `imageHeight` image at this placement that falls
    /// inside a `canvasWidth` x `canvasHeight` canvas; `nil` when nothing does.
    func visibleRect(imageWidth: Int, imageHeight: Int,
                     canvasWidth: Int, canvasHeight: Int) -> VisibleRect? {
        guard let columns = Self.clip(start: x, length: imageWidth, to: canvasWidth),
              let rows = Self.clip(start: y, length: imageHeight, to: canvasHeight)
        else { return nil }
        return VisibleRect(canvasX: columns.lowerBound, canvasY: rows.lowerBound,
                           imageX: columns.lowerBound - x, imageY: rows.lowerBound - y,
                           width: columns.count, height: rows.count)
    }

    /// The canvas positions `start ..< start + length` clipped to `0 ..< limit`, without
    /// overflowing for any `start`.
    private static func clip(start: Int, length: Int, to limit: Int) -> Range<Int>? {
        let (end, overflow) = start.addingReportingOverflow(length)
        let lower = max(start, 0)
        let upper = overflow ? limit : min(end, limit)
        return lower < upper ? lower ..< upper : nil
    }
}

/// The visible part of a placed image: `width` x `height` pixels starting at image pixel
/// (`imageX`, `imageY`), drawn at canvas pixel (`canvasX`, `canvasY`).
struct VisibleRect: Hashable {
    var canvasX: Int
    var canvasY: Int
    var imageX: Int
    var imageY: Int
    var width: Int
    var height: Int
}
