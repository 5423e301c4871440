/// A geographic position in degrees (WGS 84), written `[lat, lng]` in map specs as in Leaflet.
public struct LatLng: Sendable, Equatable {
    /// Degrees north of the equator, -90...90.
    public var latitude: Double
    /// Degrees east of Greenwich; values past ±180 are kept (a view may cross the antimeridian).
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}
