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
        // The same formula as `shade`, without trigonometry per cell: with r = |∇z|·ZFactor,
        // cos(slope) = 1/√(1+r²), sin(slope) = r/√(1+r²), and cos(azimuth − aspect) from the
        // gradient's direction (aspect = atan2(dz/dy, −dz/dx)).
        let zenith = (90 - altitude) * Double.pi / 180
        var azimuthMath = 360 - azimuth + 90
        if azimuthMath >= 360 { azimuthMath -= 360 }
        let azimuthRadians = azimuthMath * Double.pi / 180
        let cosZenith = cos(zenith), sinZenith = sin(zenith)
        let cosAzimuth = cos(azimuthRadians), sinAzimuth = sin(azimuthRadians)
        let scaleX = 1 / (8 * context.cellSize.x), scaleY = 1 / (8 * context.cellSize.y)
        block.bands[0].withUnsafeBufferPointer { source in
            block.mask.withUnsafeBufferPointer { mask in
                output.bands[0].withUnsafeMutableBufferPointer { shaded in
                    for row in 0..<height {
                        for column in 0..<width {
                            let centre = row * width + column
                            guard mask[centre] != 0 else { continue }
                            let centreValue = Double(source[centre])
                            @inline(__always) func z(_ dx: Int, _ dy: Int) -> Double {
                                let r = row + dy, c = column + dx
                                guard r >= 0, r < height, c >= 0, c < width, mask[r * width + c] != 0 else { return centreValue }
                                return Double(source[r * width + c])
                            }
                            let a = z(-1, -1), b = z(0, -1), c = z(1, -1)
                            let d = z(-1, 0), f = z(1, 0)
                            let g = z(-1, 1), h = z(0, 1), i = z(1, 1)
                            let dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) * scaleX
                            let dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) * scaleY
                            let gradient = (dzdx * dzdx + dzdy * dzdy).squareRoot()
                            let steepness = zFactor * gradient
                            let hypotenuse = (1 + steepness * steepness).squareRoot()
                            var facing = 0.0
                            if gradient > 0 {
                                // cos(azimuth − aspect) with cos(aspect) = −dz/dx / |∇z|, sin(aspect) = dz/dy / |∇z|.
                                facing = (cosAzimuth * -dzdx + sinAzimuth * dzdy) / gradient
                            }
                            let value = 255 * (cosZenith + sinZenith * steepness * facing) / hypotenuse
                            shaded[centre] = Float(max(0, value).rounded())
                        }
                    }
                }
            }
        }
        return output
    }
}
