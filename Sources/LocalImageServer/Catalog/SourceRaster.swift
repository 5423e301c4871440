/// One raster held in memory in the form exports read fastest: one planar `[Float]` per
/// band, rows top to bottom, covering `extent` in `spatialReference` edge to edge.
///
/// Floats for every pixel type keep one sampling path for U8 imagery and F32 elevation
/// alike (a 2700 x 1350 RGB image takes 44 MB).
struct SourceRaster: Sendable {
    let width: Int
    let height: Int
    /// `bands[b][row * width + column]`.
    let bands: [[Float]]
    /// Edge-to-edge extent in ``spatialReference``.
    let extent: Envelope
    let spatialReference: SpatialReference
    /// Pixels equal to this in every band are NoData (the service's noData value).
    let noData: Float?

    var bandCount: Int { bands.count }
    var pixelSizeX: Double { extent.width / Double(width) }
    var pixelSizeY: Double { extent.height / Double(height) }

    /// Whether the pixel at `index` holds data (is not the noData value in band 0).
    @inline(__always)
    func hasData(at index: Int) -> Bool {
        guard let noData else { return true }
        return bands[0][index] != noData
    }
}
