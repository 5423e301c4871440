@testable import PixelPipeline

/// The scalar reference the kernel is checked against: the browser's stacking formula in
/// `Double`, straight-alpha layers with CSS opacity drawn with source-over, rounded once
/// at the end (half up), written as plainly as possible and sharing no code with the kernel.
enum CompositingReference {
    static func compose(_ layers: [CompositeLayer], width: Int, height: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0 ..< height {
            for x in 0 ..< width {
                var premultiplied = [0.0, 0.0, 0.0]  // colors times alpha, 0...255
                var alpha = 0.0                       // 0...1
                for layer in layers {
                    let lx = x - layer.placement.x, ly = y - layer.placement.y
                    guard lx >= 0, ly >= 0, lx < layer.raster.width, ly < layer.raster.height else { continue }
                    let o = (ly * layer.raster.width + lx) * 4
                    let px = Array(layer.raster.pixels[o ..< o + 4]).map(Double.init)
                    var a = px[3] / 255
                    if let noData = layer.noData, isNoData(px, noData) { a = 0 }
                    let opacity = layer.opacity.isNaN ? 1 : min(max(layer.opacity, 0), 1)
                    let k = a * opacity
                    for c in 0 ..< 3 { premultiplied[c] = k * px[c] + (1 - k) * premultiplied[c] }
                    alpha = k + (1 - k) * alpha
                }
                let o = (y * width + x) * 4
                guard alpha > 0 else { continue }
                for c in 0 ..< 3 { out[o + c] = UInt8(min((premultiplied[c] / alpha + 0.5).rounded(.down), 255)) }
                out[o + 3] = UInt8((alpha * 255 + 0.5).rounded(.down))
            }
        }
        return out
    }

    static func isNoData(_ px: [Double], _ mask: NoDataMask) -> Bool {
        let values: [Double?]
        switch mask.values {
        case .everyBand(let v): values = [v, v, v]
        case .perBand(let list): values = (0 ..< 3).map { $0 < list.count ? list[$0] : nil }
        }
        let matches = (0 ..< 3).map { values[$0] == px[$0] }  // a Double band value equals only an integer
        switch mask.interpretation {
        case .matchAny: return matches.contains(true)
        case .matchAll: return matches.allSatisfy { $0 }
        }
    }

    /// The largest difference of any channel between two pixel arrays.
    static func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }
}
