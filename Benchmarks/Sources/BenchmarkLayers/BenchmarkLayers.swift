import Foundation
import PixelPipeline

/// The fixed layer set every compose benchmark uses, deterministic for a given size:
///
/// 0. a photo-like opaque layer (what a JPEG export gives): gradients, texture, noise;
/// 1. an RGBA overlay that is transparent outside scattered discs (about a quarter covered);
/// 2. an RGBA overlay of label-like boxes, transparent elsewhere (about a sixth covered);
/// 3. an opaque RGB layer whose noData (0, 0, 0) covers about 30 % in blobs; its other
///    pixels have no zero channel, so MatchAny and MatchAll agree on it.
///
/// Opacities 1.0, 0.6, 0.5, 0.8; noData 0 (MatchAny) on layer 3.
public enum BenchmarkLayers {
    /// The opacity of each layer, bottom first.
    public static let opacities = [1.0, 0.6, 0.5, 0.8]

    /// The four layers at `side` x `side`, bottom first.
    public static func make(side: Int) -> [CompositeLayer] {
        let rasters = (0 ..< 4).map { raster(layer: $0, side: side) }
        return rasters.enumerated().map { index, raster in
            CompositeLayer(raster: raster, opacity: opacities[index],
                           noData: index == 3 ? NoDataMask(value: 0) : nil)
        }
    }

    static func raster(layer: Int, side: Int) -> Raster {
        var pixels = [UInt8](repeating: 0, count: side * side * 4)
        let scale = 2048.0 / Double(max(side, 1))  // the same picture at every size
        for y in 0 ..< side {
            for x in 0 ..< side {
                let noise = hash(UInt32(truncatingIfNeeded: (y &* side &+ x) &* 4 &+ layer))
                let px = Double(x) * scale, py = Double(y) * scale
                let o = (y * side + x) * 4
                let rgba: (UInt8, UInt8, UInt8, UInt8)
                switch layer {
                case 0:
                    let wave = Int(40 * (1 + sin(px / 97) * cos(py / 131)))
                    rgba = (byte(Int(px / 8) + wave + Int(noise & 15)), byte(Int(py / 9) + Int(noise >> 8 & 15)),
                            byte(120 + wave - Int(noise >> 16 & 7)), 255)
                case 1:
                    let cx = (px / 256).rounded(.down) * 256 + 128, cy = (py / 256).rounded(.down) * 256 + 128
                    let d = ((px - cx) * (px - cx) + (py - cy) * (py - cy)).squareRoot()
                    let edge = 72 - d  // inside the disc when positive; 1.5 px antialiased edge
                    let alpha = edge >= 1.5 ? 200 : edge <= 0 ? 0 : Int(200 * edge / 1.5)
                    rgba = (220, byte(40 + Int(noise & 31)), 60, UInt8(alpha))
                case 2:
                    let inBox = Int(py) % 160 < 28 && Int(px) % 300 < 170
                    let ink = inBox && (Int(px) / 3 + Int(py) / 4) % 5 == 0
                    rgba = ink ? (20, 20, 20, 255) : inBox ? (250, 250, 240, 180) : (0, 0, 0, 0)
                default:
                    let field = sin(px / 150) + cos(py / 110) + sin((px + py) / 70)
                    rgba = field < -0.75 ? (0, 0, 0, 255)
                        : (UInt8(1 + noise % 255), UInt8(1 + noise >> 8 % 255), UInt8(1 + noise >> 16 % 255), 255)
                }
                pixels[o] = rgba.0
                pixels[o + 1] = rgba.1
                pixels[o + 2] = rgba.2
                pixels[o + 3] = rgba.3
            }
        }
        return Raster(width: side, height: side, pixels: pixels)
    }

    private static func byte(_ value: Int) -> UInt8 { UInt8(clamping: value) }

    private static func hash(_ value: UInt32) -> UInt32 {
        var x = value
        x ^= x >> 16; x &*= 0x7feb_352d
        x ^= x >> 15; x &*= 0x846c_a68b
        x ^= x >> 16
        return x
    }
}
