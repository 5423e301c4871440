import Foundation
import RequestPlanning

/// The pixels of an output image: `width x height` cells covering `extent` in `reference`,
/// rows from north to south.
struct OutputGrid: Sendable {
    let extent: Envelope
    let reference: SpatialReference
    let width: Int
    let height: Int

    var cellWidth: Double { extent.width / Double(width) }
    var cellHeight: Double { extent.height / Double(height) }

    /// The grid for `extent`; with `adjustAspectRatio` the extent first grows, about its
    /// centre, along the axis that makes the cells square (what ArcGIS reports back).
    init(extent: Envelope, reference: SpatialReference, width: Int, height: Int, adjustAspectRatio: Bool) {
        var extent = extent
        if adjustAspectRatio {
            let cell = max(extent.width / Double(width), extent.height / Double(height))
            let halfWidth = cell * Double(width) / 2, halfHeight = cell * Double(height) / 2
            let cx = extent.centerX, cy = extent.centerY
            extent = Envelope(xmin: cx - halfWidth, ymin: cy - halfHeight, xmax: cx + halfWidth, ymax: cy + halfHeight)
        }
        self.extent = extent
        self.reference = reference
        self.width = width
        self.height = height
    }

    /// The cell size in metres on the ground at the grid's centre (x, y): Web Mercator
    /// metres as they are; degrees at the centre's latitude. Slopes (hillshade) use it.
    var cellSizeInMetres: (x: Double, y: Double) {
        switch reference {
        case .webMercator: return (cellWidth, cellHeight)
        case .wgs84:
            let metresPerDegree = SphericalMercator.radius * Double.pi / 180
            let latitude = max(-89.0, min(89.0, extent.centerY))
            return (cellWidth * metresPerDegree * cos(latitude * Double.pi / 180), cellHeight * metresPerDegree)
        }
    }
}
