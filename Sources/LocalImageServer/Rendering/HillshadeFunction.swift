import Foundation
import LayerOptions

/// Hillshade of band 0 (U8, 1 band), by Esri's documented formula: Horn's 3 x 3 slope and
/// aspect, then `255 · (cos(zenith)·cos(slope) + sin(zenith)·sin(slope)·cos(azimuth − aspect))`,
/// clamped at 0. `Azimuth` 315°, `Altitude` 45° and `ZFactor` 1 by default. The cell size
/// is the output cell's ground size in metres; edges and NoData neighbours repeat the
/// centre cell.
struct HillshadeFunction: RasterFunction {
    let azimuth: Double
    let altitude: Double
    let zFactor: Double

    init(azimuth: Double, altitude: Double, zFactor: Double) {
        self.azimuth = azimuth
        self.altitude = altitude
        self.zFactor = zFactor
    }

    init(_ arguments: JSONObject) throws(ArcGISError) {
        azimuth = try Self.number(arguments, "Azimuth", function: "Hillshade", default: 315)
        altitude = try Self.number(arguments, "Altitude", function: "Hillshade", default: 45)
        zFactor = try Self.number(arguments, "ZFactor", function: "Hillshade", default: 1)
    }

    /// The shade of one cell from its 3 x 3 neighbourhood `z` (rows north to south).
    static func shade(_ z: [Double], cellX: Double, cellY: Double, azimuth: Double, altitude: Double, zFactor: Double) -> Double {
        let zenith = (90 - altitude) * Double.pi / 180
        var azimuthMath = 360 - azimuth + 90
        if azimuthMath >= 360 { azimuthMath -= 360 }
        let azimuthRadians = azimuthMath * Double.pi / 180
        let dzdx = ((z[2] + 2 * z[5] + z[8]) - (z[0] + 2 * z[3] + z[6])) / (8 * cellX)
        let dzdy = ((z[6] + 2 * z[7] + z[8]) - (z[0] + 2 * z[1] + z[2])) / (8 * cellY)
        let slope = atan(zFactor * (dzdx * dzdx + dzdy * dzdy).squareRoot())
        var aspect = 0.0
        if dzdx != 0 {
            aspect = atan2(dzdy, -dzdx)
            if aspect < 0 { aspect += 2 * Double.pi }
        } else if dzdy > 0 {
            aspect = Double.pi / 2
        } else if dzdy < 0 {
            aspect = 2 * Double.pi - Double.pi / 2
        }
        let value = 255 * (cos(zenith) * cos(slope) + sin(zenith) * sin(slope) * cos(azimuthRadians - aspect))
        return max(0, value)
    }

    func apply(to block: PixelBlock, context: RenderingContext) throws(ArcGISError) -> PixelBlock {
        var output = PixelBlock.empty(width: block.width, height: block.height, bandCount: 1, pixelType: .U8, statistics: [nil])
        output.mask = block.mask
        let width = block.width, height = block.height
        let source = block.bands[0]
        var window = [Double](repeating: 0, count: 9)
        for row in 0..<height {
            for column in 0..<width {
                let centre = row * width + column
                guard block.mask[centre] != 0 else { continue }
                let centreValue = Double(source[centre])
                for dy in -1...1 {
                    for dx in -1...1 {
                        let r = row + dy, c = column + dx
                        let inside = r >= 0 && r < height && c >= 0 && c < width && block.mask[r * width + c] != 0
                        window[(dy + 1) * 3 + dx + 1] = inside ? Double(source[r * width + c]) : centreValue
                    }
                }
                let value = Self.shade(window, cellX: context.cellSize.x, cellY: context.cellSize.y,
                                       azimuth: azimuth, altitude: altitude, zFactor: zFactor)
                output.bands[0][centre] = Float(value.rounded())
            }
        }
        return output
    }
}
