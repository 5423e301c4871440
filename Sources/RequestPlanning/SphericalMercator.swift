import Foundation

/// EPSG:3857 as Leaflet's `L.Projection.SphericalMercator` and `L.CRS.EPSG3857` compute it:
/// the same constants and the same floating-point operations in the same order, so that
/// every coordinate agrees with Leaflet's to the last bit where JavaScript's `Math`
/// functions and glibc's agree.
public enum SphericalMercator {
    /// The sphere's radius in metres (`R` in Leaflet).
    public static let radius = 6378137.0
    /// Latitudes are clamped to ±this before projecting (`MAX_LATITUDE` in Leaflet).
    public static let maxLatitude = 85.0511287798
    /// The world's half-width in projected metres: `R · π`.
    public static let halfWorld = radius * Double.pi

    /// Projects a latitude/longitude in degrees to EPSG:3857 metres; the latitude is
    /// clamped to ±``maxLatitude`` first, as Leaflet does.
    public static func project(latitude: Double, longitude: Double) -> (x: Double, y: Double) {
        let d = Double.pi / 180
        let lat = max(min(maxLatitude, latitude), -maxLatitude)
        let sine = sin(lat * d)
        return (radius * longitude * d, radius * log((1 + sine) / (1 - sine)) / 2)
    }

    /// Converts EPSG:3857 metres back to latitude/longitude in degrees (no clamping).
    public static func unproject(x: Double, y: Double) -> (latitude: Double, longitude: Double) {
        let d = 180 / Double.pi
        return ((2 * atan(exp(y / radius)) - (Double.pi / 2)) * d, x * d / radius)
    }
}
