import Foundation

/// The `"generated"` rasters of the catalog: deterministic recipes computed at load, for
/// data that no installed file provides.
enum RasterGenerator {
    /// The recipe names a catalog file may use.
    static let recipes = ["scene", "elevation"]

    /// Bands a recipe produces.
    static func bandCount(recipe: String) -> Int? {
        switch recipe {
        case "scene": 4
        case "elevation": 1
        default: nil
        }
    }

    /// The land-cover classes of the `scene` recipe and their exact R, G, B, NIR values.
    enum SceneClass: CaseIterable {
        case water, road, bareSoil, denseVegetation, sparseVegetation

        var values: [Float] {
            switch self {
            case .water: [30, 60, 120, 10]
            case .road: [120, 120, 120, 130]
            case .bareSoil: [160, 130, 100, 180]
            case .denseVegetation: [30, 90, 40, 210]
            case .sparseVegetation: [70, 110, 60, 150]
            }
        }

        /// The class at a source pixel of a `width x height` scene: a round lake centred at
        /// (0.75 w, 0.5 h) with radius 0.15 w, a road across rows 0.48 h to 0.52 h, bare soil
        /// west of 0.25 w, and fields of 1/8 w alternating dense and sparse vegetation.
        static func at(column: Int, row: Int, width: Int, height: Int) -> SceneClass {
            let dx = Double(column) + 0.5 - 0.75 * Double(width), dy = Double(row) + 0.5 - 0.5 * Double(height)
            let radius = 0.15 * Double(width)
            if dx * dx + dy * dy < radius * radius { return .water }
            if row * 100 >= 48 * height && row * 100 < 52 * height { return .road }
            if column * 4 < width { return .bareSoil }
            let field = max(1, width / 8)
            return (column / field + row / field) % 2 == 0 ? .denseVegetation : .sparseVegetation
        }
    }

    /// The `scene` recipe: a 4-band U8 scene (R, G, B, NIR) of water, road, bare soil and
    /// vegetation, so that NDVI shows structure.
    static func scene(width: Int, height: Int) -> [[Float]] {
        var bands = [[Float]](repeating: [Float](repeating: 0, count: width * height), count: 4)
        for row in 0..<height {
            for column in 0..<width {
                let values = SceneClass.at(column: column, row: row, width: width, height: height).values
                for band in 0..<4 { bands[band][row * width + column] = values[band] }
            }
        }
        return bands
    }

    /// The `elevation` recipe's height at a source pixel, in metres, or `nil` in the noData
    /// hole: two smooth hills on a plain rising eastwards, and a round hole of radius
    /// 0.08 around (0.75 w, 0.25 h).
    static func elevation(column: Int, row: Int, width: Int, height: Int) -> Float? {
        let u = (Double(column) + 0.5) / Double(width), v = (Double(row) + 0.5) / Double(height)
        let holeU = u - 0.75, holeV = v - 0.25
        if holeU * holeU + holeV * holeV < 0.08 * 0.08 { return nil }
        let hill1 = 2400 * exp(-((u - 0.3) * (u - 0.3) + (v - 0.45) * (v - 0.45)) / 0.008)
        let hill2 = 1600 * exp(-((u - 0.7) * (u - 0.7) + (v - 0.7) * (v - 0.7)) / 0.012)
        return Float(400 + 300 * u + hill1 + hill2)
    }

    /// The `elevation` recipe: one F32 band, `noData` in the hole.
    static func elevation(width: Int, height: Int, noData: Float) -> [[Float]] {
        var band = [Float](repeating: noData, count: width * height)
        for row in 0..<height {
            for column in 0..<width {
                band[row * width + column] = elevation(column: column, row: row, width: width, height: height) ?? noData
            }
        }
        return [band]
    }
}
