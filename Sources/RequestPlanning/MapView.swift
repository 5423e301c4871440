import Foundation
import LayerOptions

/// A Web Mercator (EPSG:3857) map view with Leaflet's arithmetic: 256-pixel tiles, the
/// pixel origin that `setView` rounds, `getPixelBounds`, `unproject`, and the exportImage
/// bbox and size that Esri Leaflet derives from them.
///
/// Pixel coordinates are "world pixels" at the view's zoom: x grows east, y grows south,
/// and the whole world spans `0...scale` on both axes.
public struct MapView: Sendable, Equatable {
    /// Width of the map in CSS pixels.
    public let width: Int
    /// Height of the map in CSS pixels.
    public let height: Int
    /// The zoom level, fractional as given.
    public let zoom: Double
    /// World pixels at this zoom: `256 · 2^zoom`.
    public let scale: Double
    /// The world pixel at the map's top-left corner (Leaflet's pixel origin). Whole
    /// numbers for a centre-and-zoom view, as Leaflet rounds them.
    public let pixelOrigin: (x: Double, y: Double)

    /// Leaflet's `map.setView(center, zoom)` on a map of `width × height` pixels.
    public init(center: LatLng, zoom: Double, width: Int, height: Int) {
        self.width = width
        self.height = height
        self.zoom = zoom
        self.scale = 256 * pow(2, zoom)
        let centerPixel = MapView.worldPixel(of: center, scale: scale)
        pixelOrigin = (MapView.round(centerPixel.x - Double(width) / 2),
                       MapView.round(centerPixel.y - Double(height) / 2))
    }

    /// A view of exactly `west…east × south…north` (degrees; `west > east` crosses the
    /// antimeridian), projected to EPSG:3857 and widened on one axis to keep pixels square.
    public init(west: Double, south: Double, east: Double, north: Double, width: Int, height: Int) {
        let southWest = SphericalMercator.project(latitude: south, longitude: west)
        let northEast = SphericalMercator.project(latitude: north, longitude: east > west ? east : east + 360)
        let metresPerPixel = max((northEast.x - southWest.x) / Double(width), (northEast.y - southWest.y) / Double(height))
        let scale = 2 * SphericalMercator.halfWorld / metresPerPixel
        self.width = width
        self.height = height
        self.scale = scale
        self.zoom = log2(scale / 256)
        let center = MapView.transform(x: (southWest.x + northEast.x) / 2, y: (southWest.y + northEast.y) / 2, scale: scale)
        pixelOrigin = (center.x - Double(width) / 2, center.y - Double(height) / 2)
    }

    /// The view a map spec asks for.
    public init(_ spec: MapSpec) {
        switch spec.viewport {
        case let .center(center, zoom):
            self.init(center: center, zoom: zoom, width: spec.width, height: spec.height)
        case let .bounds(west, south, east, north):
            self.init(west: west, south: south, east: east, north: north, width: spec.width, height: spec.height)
        }
    }

    public static func == (lhs: MapView, rhs: MapView) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.zoom == rhs.zoom && lhs.scale == rhs.scale
            && lhs.pixelOrigin == rhs.pixelOrigin
    }

    /// Leaflet's `getPixelBounds()`: the world pixels of the top-left and bottom-right corners.
    public var pixelBounds: (min: (x: Double, y: Double), max: (x: Double, y: Double)) {
        (pixelOrigin, (pixelOrigin.x + Double(width), pixelOrigin.y + Double(height)))
    }

    /// Leaflet's `map.project(latlng)`: the world pixel of a position.
    public func worldPixel(of position: LatLng) -> (x: Double, y: Double) {
        MapView.worldPixel(of: position, scale: scale)
    }

    /// Leaflet's `map.unproject(point)`: the position of a world pixel (not clamped).
    public func position(ofWorldPixel x: Double, _ y: Double) -> LatLng {
        let metres = MapView.untransform(x: x, y: y, scale: scale)
        let degrees = SphericalMercator.unproject(x: metres.x, y: metres.y)
        return LatLng(latitude: degrees.latitude, longitude: degrees.longitude)
    }

    /// Leaflet's `map.getBounds()`: the south-west and north-east corners of the map.
    public var bounds: (southWest: LatLng, northEast: LatLng) {
        let (min, max) = pixelBounds
        return (position(ofWorldPixel: min.x, max.y), position(ofWorldPixel: max.x, min.y))
    }

    /// Esri Leaflet's `_calculateBbox`: the corners unprojected, projected again to
    /// EPSG:3857 (which clamps latitudes to the Mercator limit), as `xmin, ymin, xmax, ymax`.
    public var exportBBox: (xmin: Double, ymin: Double, xmax: Double, ymax: Double) {
        let (southWest, northEast) = bounds
        let sw = SphericalMercator.project(latitude: southWest.latitude, longitude: southWest.longitude)
        let ne = SphericalMercator.project(latitude: northEast.latitude, longitude: northEast.longitude)
        return (Swift.min(sw.x, ne.x), Swift.min(sw.y, ne.y), Swift.max(sw.x, ne.x), Swift.max(sw.y, ne.y))
    }

    /// Esri Leaflet's `_calculateImageSize`: the map's size, with the height trimmed to the
    /// world's when the map shows space above or below it.
    public var exportSize: (width: Int, height: Int) {
        let rows = exportRows
        return (width, rows.count)
    }

    /// The map rows the export covers: `0..<height` unless the map reaches past the top or
    /// bottom of the world, where the export is trimmed to the world (`top` is where the
    /// export's first row lands on the map).
    public var exportRows: (top: Int, count: Int) {
        let (southWest, northEast) = bounds
        let top = MapView.round(worldPixel(of: northEast).y) - pixelOrigin.y
        let bottom = MapView.round(worldPixel(of: southWest).y) - pixelOrigin.y
        guard top > 0 || bottom < Double(height) else { return (0, height) }
        return (Int(MapView.round(top)), Int(MapView.round(bottom - top)))
    }

    // MARK: Leaflet's EPSG:3857 transformation: (a·x + 0.5, −a·y + 0.5) · scale, a = 0.5 / (πR)

    private static let transformationScale = 0.5 / (Double.pi * SphericalMercator.radius)

    private static func worldPixel(of position: LatLng, scale: Double) -> (x: Double, y: Double) {
        let metres = SphericalMercator.project(latitude: position.latitude, longitude: position.longitude)
        return transform(x: metres.x, y: metres.y, scale: scale)
    }

    private static func transform(x: Double, y: Double, scale: Double) -> (x: Double, y: Double) {
        (scale * (transformationScale * x + 0.5), scale * (-transformationScale * y + 0.5))
    }

    private static func untransform(x: Double, y: Double, scale: Double) -> (x: Double, y: Double) {
        ((x / scale - 0.5) / transformationScale, (y / scale - 0.5) / -transformationScale)
    }

    /// JavaScript's `Math.round`: halves go up (toward +∞).
    static func round(_ value: Double) -> Double {
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }
}
