import RequestPlanning

/// Conversions between the two spatial references, through geographic coordinates.
///
/// Web Mercator uses ``SphericalMercator`` (Leaflet's exact formulas). Latitudes beyond
/// ±``SphericalMercator/maxLatitude`` have no place in Web Mercator: ``fromGeographic`` answers
/// `nil` for them, so pixels there read as outside any Web Mercator raster.
enum Projection {
    /// Longitude and latitude in degrees of a point given in `reference`.
    @inline(__always)
    static func toGeographic(x: Double, y: Double, from reference: SpatialReference) -> (longitude: Double, latitude: Double) {
        switch reference {
        case .wgs84: return (x, y)
        case .webMercator:
            let geographic = SphericalMercator.unproject(x: x, y: y)
            return (geographic.longitude, geographic.latitude)
        }
    }

    /// The point in `reference` for a longitude and latitude in degrees; `nil` where
    /// Web Mercator is undefined (beyond its latitude limit).
    @inline(__always)
    static func fromGeographic(longitude: Double, latitude: Double, to reference: SpatialReference) -> (x: Double, y: Double)? {
        switch reference {
        case .wgs84: return (longitude, latitude)
        case .webMercator:
            guard abs(latitude) <= SphericalMercator.maxLatitude else { return nil }
            return SphericalMercator.project(latitude: latitude, longitude: longitude)
        }
    }

    /// x of a longitude alone (both references map longitude to x independently of latitude).
    @inline(__always)
    static func x(longitude: Double, in reference: SpatialReference) -> Double {
        switch reference {
        case .wgs84: longitude
        case .webMercator: SphericalMercator.project(latitude: 0, longitude: longitude).x
        }
    }

    /// y of a latitude alone; `nil` where Web Mercator is undefined.
    @inline(__always)
    static func y(latitude: Double, in reference: SpatialReference) -> Double? {
        switch reference {
        case .wgs84: latitude
        case .webMercator:
            abs(latitude) <= SphericalMercator.maxLatitude ? SphericalMercator.project(latitude: latitude, longitude: 0).y : nil
        }
    }

    /// Longitude of an x alone.
    @inline(__always)
    static func longitude(x: Double, in reference: SpatialReference) -> Double {
        switch reference {
        case .wgs84: x
        case .webMercator: SphericalMercator.unproject(x: x, y: 0).longitude
        }
    }

    /// Latitude of a y alone.
    @inline(__always)
    static func latitude(y: Double, in reference: SpatialReference) -> Double {
        switch reference {
        case .wgs84: y
        case .webMercator: SphericalMercator.unproject(x: 0, y: y).latitude
        }
    }

    /// A point converted between references; `nil` where the target is undefined.
    static func convert(x: Double, y: Double, from source: SpatialReference, to target: SpatialReference) -> (x: Double, y: Double)? {
        if source == target { return (x, y) }
        let geographic = toGeographic(x: x, y: y, from: source)
        return fromGeographic(longitude: geographic.longitude, latitude: geographic.latitude, to: target)
    }
}
