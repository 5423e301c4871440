import LayerOptions
import Testing
@testable import PixelPipeline

@Suite struct CompositorTests {
    static let levels = CompositingKernel.Level.allCases.filter { $0 <= CompositingKernel.Level.best }

    /// Every src alpha x dst alpha pair, for several opacities, with colors sweeping 0...255
    /// in every channel: one blend of a layer onto an opaque-or-not base, within 1 of the
    /// exact result.
    @Test(arguments: levels)
    func exhaustiveAlphaPairsMatchReference(level: CompositingKernel.Level) throws {
        var base = Raster(width: 256, height: 256), top = Raster(width: 256, height: 256)
        for dstAlpha in 0 ..< 256 {
            for srcAlpha in 0 ..< 256 {
                let o = (dstAlpha * 256 + srcAlpha) * 4
                base.pixels[o ..< o + 4] = [UInt8((dstAlpha * 13 + srcAlpha) & 255),
                                            UInt8(255 - (srcAlpha * 7 + dstAlpha) & 255),
                                            UInt8((srcAlpha + dstAlpha) & 1 == 0 ? 0 : 255),
                                            UInt8(dstAlpha)]
                top.pixels[o ..< o + 4] = [UInt8((srcAlpha * 7 + dstAlpha) & 255),
                                           UInt8((srcAlpha * 29 + dstAlpha * 3) & 255),
                                           UInt8(srcAlpha & 1 == 0 ? 255 : 0),
                                           UInt8(srcAlpha)]
            }
        }
        for opacity in [0, 0.05, 0.25, 0.5, 0.6, 0.8, 1] {
            let layers = [CompositeLayer(raster: base), CompositeLayer(raster: top, opacity: opacity)]
            let result = try Compositor.compose(layers, width: 256, height: 256, level: level)
            let expected = CompositingReference.compose(layers, width: 256, height: 256)
            #expect(CompositingReference.maxDifference(result.pixels, expected) <= 1, "opacity \(opacity)")
        }
    }

    /// Random stacks of placed layers, sizes not multiples of the vector width, noData of
    /// every kind: within 1 of the reference at every level, and the FMA levels identical.
    @Test func randomStacksMatchReferenceAtEveryLevel() throws {
        var rng = SplitMix(seed: 7)
        for round in 0 ..< 20 {
            let width = 1 + rng.next(70), height = 1 + rng.next(40)
            let layers = (0 ..< 1 + rng.next(5)).map { _ in randomLayer(&rng, canvas: (width, height)) }
            let expected = CompositingReference.compose(layers, width: width, height: height)
            var byLevel: [CompositingKernel.Level: [UInt8]] = [:]
            for level in Self.levels {
                let result = try Compositor.compose(layers, width: width, height: height, level: level)
                #expect(CompositingReference.maxDifference(result.pixels, expected) <= 1,
                        "round \(round) level \(level)")
                byLevel[level] = result.pixels
            }
            if let v3 = byLevel[.x86_64_v3], let v4 = byLevel[.x86_64_v4] { #expect(v3 == v4) }
        }
    }

    @Test func noLayersGiveATransparentCanvas() throws {
        let result = try Compositor.compose([], width: 19, height: 3)
        #expect(result == Raster(width: 19, height: 3))
    }

    @Test func opaqueLayerIsCopiedExactly() throws {
        var rng = SplitMix(seed: 1)
        var raster = Raster(width: 33, height: 2)
        for i in 0 ..< raster.pixels.count { raster.pixels[i] = i % 4 == 3 ? 255 : UInt8(rng.next(256)) }
        #expect(try Compositor.compose([CompositeLayer(raster: raster)], width: 33, height: 2) == raster)
    }

    /// The kernel stores a 16-pixel vector whose lanes are all opaque without dividing by
    /// alpha; one lane short of opaque (either end of a vector) or a partial vector takes the
    /// general path. Both give the correctly rounded bytes exactly: the values are chosen
    /// at least 0.05 from a rounding tie.
    @Test(arguments: levels)
    func opaqueVectorsAndTheirNeighboursAreExact(level: CompositingKernel.Level) throws {
        let width = 37, height = 3  // per row: two full vectors and a partial one
        var base = Raster(width: width, height: height), top = Raster(width: width, height: height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let o = (y * width + x) * 4
                // Row 0 opaque; row 1: alpha 254 in the last lane of vector 0 and the first of
                // vector 1; row 2: alpha 128 in the last lane of vector 1.
                let alpha: UInt8 = y == 1 && (x == 15 || x == 16) ? 254 : y == 2 && x == 31 ? 128 : 255
                base.pixels[o ..< o + 4] = [UInt8(x * 7), UInt8(200 - x * 3), UInt8(10 * (x % 9)), alpha]
                top.pixels[o ..< o + 4] = [UInt8(250 - x * 5), UInt8(2 * x + 1), 250, 255]
            }
        }
        let layers = [CompositeLayer(raster: base), CompositeLayer(raster: top, opacity: 0.3)]
        let result = try Compositor.compose(layers, width: width, height: height, level: level)
        #expect(result.pixels == CompositingReference.compose(layers, width: width, height: height))
        // By hand: opaque, 0.7 base + 0.3 top (78.4, 138.8, 82); alpha 255 (0.7 a + 0.3) is
        // 254.3 and 166.1 under the alpha 254 and 128 lanes.
        #expect(Array(result.pixels[4 ..< 8]) == [78, 139, 82, 255])
        #expect(result.pixels[(1 * width + 14) * 4 + 3] == 255)
        #expect(result.pixels[(1 * width + 15) * 4 + 3] == 254)
        #expect(result.pixels[(1 * width + 16) * 4 + 3] == 254)
        #expect(result.pixels[(2 * width + 31) * 4 + 3] == 166)
    }

    @Test func opacityScalesAlphaAndKeepsColor() throws {
        let layer = CompositeLayer(raster: Raster(width: 1, height: 1, pixels: [200, 100, 50, 255]), opacity: 0.6)
        #expect(try Compositor.compose([layer], width: 1, height: 1).pixels == [200, 100, 50, 153])
    }

    @Test func sourceOverOfTwoHalfTransparentLayers() throws {
        let red = CompositeLayer(raster: Raster(width: 1, height: 1, pixels: [255, 0, 0, 255]), opacity: 0.5)
        let blue = CompositeLayer(raster: Raster(width: 1, height: 1, pixels: [0, 0, 255, 128]))
        // k = 128/255: a = k + (1 - k) 0.5 = 0.751; red = 255 * 0.5 * (1 - k) / a = 84.6; blue = 255 k / a = 170.4.
        let k = 128.0 / 255, a = k + (1 - k) * 0.5
        let expected: [UInt8] = [UInt8((255 * 0.5 * (1 - k) / a + 0.5).rounded(.down)), 0,
                                 UInt8((255 * k / a + 0.5).rounded(.down)), UInt8((a * 255 + 0.5).rounded(.down))]
        #expect(try Compositor.compose([red, blue], width: 1, height: 1).pixels == expected)
        #expect(expected == [85, 0, 170, 192])
    }

    @Test func opacityIsClampedAsCSSDoes() throws {
        let raster = Raster(width: 1, height: 1, pixels: [10, 20, 30, 255])
        for (opacity, alpha) in [(-1.0, UInt8(0)), (2, 255), (.nan, 255), (.infinity, 255)] {
            let result = try Compositor.compose([CompositeLayer(raster: raster, opacity: opacity)], width: 1, height: 1)
            #expect(result.pixels[3] == alpha, "opacity \(opacity)")
        }
    }

    @Test func placementClipsToTheCanvas() throws {
        // A 3x2 layer with pixel values 1...6 in R, placed at (-1, 1) on a 3x3 canvas.
        let pixels: [UInt8] = (1 ... 6).flatMap { i -> [UInt8] in [UInt8(i), 0, 0, 255] }
        let layer = CompositeLayer(raster: Raster(width: 3, height: 2, pixels: pixels),
                                   placement: LayerPlacement(x: -1, y: 1))
        let result = try Compositor.compose([layer], width: 3, height: 3)
        let red = stride(from: 0, to: result.pixels.count, by: 4).map { result.pixels[$0] }
        let alpha = stride(from: 3, to: result.pixels.count, by: 4).map { result.pixels[$0] }
        #expect(red == [0, 0, 0, 2, 3, 0, 5, 6, 0])
        #expect(alpha == [0, 0, 0, 255, 255, 0, 255, 255, 0])
    }

    @Test func layersOutsideTheCanvasDrawNothing() throws {
        let raster = Raster(width: 4, height: 4, pixels: [UInt8](repeating: 255, count: 64))
        for (x, y) in [(4, 0), (0, 4), (-4, 0), (0, -4), (Int.max, 0), (Int.min, Int.min), (Int.max - 1, Int.max)] {
            let layer = CompositeLayer(raster: raster, placement: LayerPlacement(x: x, y: y))
            #expect(try Compositor.compose([layer], width: 4, height: 4) == Raster(width: 4, height: 4))
        }
    }

    @Test func noDataMatchAnyAndMatchAll() throws {
        let pixels: [UInt8] = [0, 0, 0, 255, 0, 9, 9, 255, 9, 9, 9, 255, 58, 128, 187, 255, 58, 128, 9, 255]
        let raster = Raster(width: 5, height: 1, pixels: pixels)
        func alphas(_ mask: NoDataMask) throws -> [UInt8] {
            let result = try Compositor.compose([CompositeLayer(raster: raster, noData: mask)], width: 5, height: 1)
            return stride(from: 3, to: 20, by: 4).map { result.pixels[$0] }
        }
        #expect(try alphas(NoDataMask(value: 0)) == [0, 0, 255, 255, 255])
        #expect(try alphas(NoDataMask(value: 0, interpretation: .matchAll)) == [0, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(perBand: [58, 128, 187])) == [255, 255, 255, 0, 255])
        #expect(try alphas(NoDataMask(perBand: [58, 128, 187], interpretation: .matchAny)) == [255, 255, 255, 0, 0])
        // Values no 8-bit band can equal never match; a band with no value never matches.
        #expect(try alphas(NoDataMask(value: 0.5)) == [255, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(value: -9999)) == [255, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(value: 256)) == [255, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(value: .nan)) == [255, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(perBand: [58, 128], interpretation: .matchAll)) == [255, 255, 255, 255, 255])
        #expect(try alphas(NoDataMask(perBand: [-1, 9.5, 9], interpretation: .matchAny)) == [255, 0, 0, 255, 0])
        // Alpha is never compared: a fourth value is ignored.
        #expect(try alphas(NoDataMask(perBand: [9, 9, 9, 0])) == [255, 255, 0, 255, 255])
    }

    @Test func noDataPixelIsTransparentWhateverItsAlpha() throws {
        let base = CompositeLayer(raster: Raster(width: 1, height: 1, pixels: [10, 20, 30, 255]))
        let top = CompositeLayer(raster: Raster(width: 1, height: 1, pixels: [0, 0, 0, 255]), noData: NoDataMask(value: 0))
        #expect(try Compositor.compose([base, top], width: 1, height: 1).pixels == [10, 20, 30, 255])
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: CompositingError.invalidCanvasSize(width: -1, height: 2)) {
            try Compositor.compose([], width: -1, height: 2)
        }
        #expect(throws: CompositingError.invalidCanvasSize(width: Int.max, height: 1)) {
            try Compositor.compose([], width: Int.max, height: 1)
        }
        var raster = Raster(width: 2, height: 2)
        raster.pixels.removeLast()
        #expect(throws: CompositingError.malformedRaster(layer: 1, expectedBytes: 16, actualBytes: 15)) {
            try Compositor.compose([CompositeLayer(raster: Raster(width: 1, height: 1)), CompositeLayer(raster: raster)],
                                   width: 2, height: 2)
        }
    }

    @Test func emptyCanvasIsEmpty() throws {
        #expect(try Compositor.compose([CompositeLayer(raster: Raster(width: 2, height: 2))], width: 0, height: 5)
            == Raster(width: 0, height: 5))
    }
}

/// A layer with random size, placement (partly or wholly off the canvas), opacity, pixels
/// (with many transparent and noData-valued ones) and noData mask.
func randomLayer(_ rng: inout SplitMix, canvas: (width: Int, height: Int)) -> CompositeLayer {
    let width = 1 + rng.next(canvas.width + 20), height = 1 + rng.next(canvas.height + 10)
    var raster = Raster(width: width, height: height)
    for i in stride(from: 0, to: raster.pixels.count, by: 4) {
        let kind = rng.next(8)
        for c in 0 ..< 3 { raster.pixels[i + c] = kind == 0 ? 0 : kind == 1 ? 9 : UInt8(rng.next(256)) }
        raster.pixels[i + 3] = kind == 2 ? 0 : kind == 3 ? 255 : kind == 4 ? UInt8(1 + rng.next(3)) : UInt8(rng.next(256))
    }
    let masks: [NoDataMask?] = [nil, NoDataMask(value: 0), NoDataMask(value: 9, interpretation: .matchAll),
                                NoDataMask(perBand: [9, 0, 9], interpretation: .matchAny),
                                NoDataMask(perBand: [0, 0, 0]), NoDataMask(value: 0.5)]
    return CompositeLayer(raster: raster,
                          placement: LayerPlacement(x: rng.next(canvas.width + 20) - 20, y: rng.next(canvas.height + 10) - 10),
                          opacity: [0, 0.01, 0.3, 0.5, 0.6, 0.8, 1, Double(rng.next(1000)) / 999][rng.next(8)],
                          noData: masks[rng.next(masks.count)])
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

@Suite struct CompositorInPlaceTests {
    /// One in-place call is the fused compose with the canvas as its bottom layer.
    @Test func composeOntoIsComposeWithTheCanvasBelow() throws {
        for seed in UInt64(1) ... 20 {
            var canvas = Fixtures.randomRaster(width: 37, height: 23, opaque: seed % 2 == 0, seed: seed)
            let layers = (0 ..< 3).map { index in
                CompositeLayer(raster: Fixtures.randomRaster(width: 20 + index, height: 15, opaque: false, seed: seed * 10 + UInt64(index)),
                               placement: LayerPlacement(x: index * 7 - 5, y: index * 4 - 3), opacity: 0.3 + 0.2 * Double(index),
                               noData: index == 1 ? NoDataMask(value: 9) : nil)
            }
            let expected = try Compositor.compose([CompositeLayer(raster: canvas)] + layers, width: 37, height: 23)
            try Compositor.compose(layers, onto: &canvas)
            #expect(canvas == expected)
        }
    }

    /// The canvas a bottom layer starts is the one-layer compose, byte for byte: every alpha
    /// 0...255 under every colour byte, including alpha 0 under non-zero colours (which
    /// become (0, 0, 0, 0)); layers that do not cover the canvas exactly at full opacity
    /// without noData go through the kernel.
    @Test func canvasStartedByTheBottomLayerIsItsCompose() throws {
        var raster = Raster(width: 256, height: 256)
        for y in 0 ..< 256 {
            for x in 0 ..< 256 {
                let o = (y * 256 + x) * 4
                raster.pixels[o ..< o + 4] = [UInt8(x), UInt8(255 - x), UInt8((x * 7 + y) & 0xFF), UInt8(y)]
            }
        }
        let layers = [
            CompositeLayer(raster: raster),
            CompositeLayer(raster: raster, opacity: 0.5),
            CompositeLayer(raster: raster, noData: NoDataMask(value: 3)),
            CompositeLayer(raster: raster, placement: LayerPlacement(x: 1, y: 0)),
        ]
        for layer in layers {
            let canvas = try Compositor.canvas(drawing: layer, width: 256, height: 256)
            #expect(canvas == (try Compositor.compose([layer], width: 256, height: 256)))
        }
        let started = try Compositor.canvas(drawing: layers[0], width: 256, height: 256)
        #expect(Array(started.pixels[0 ..< 8]) == [0, 0, 0, 0, 0, 0, 0, 0])  // alpha 0: cleared
        #expect(Array(started.pixels[256 * 4 ..< 256 * 4 + 4]) == [0, 255, 1, 1])  // alpha 1: kept
        // A smaller layer than the canvas: drawn, transparent around it.
        let small = try Compositor.canvas(drawing: CompositeLayer(raster: raster), width: 300, height: 256)
        #expect(small == (try Compositor.compose([CompositeLayer(raster: raster)], width: 300, height: 256)))
    }

    @Test func composeOntoRefusesAMalformedCanvas() {
        var canvas = Raster(width: 2, height: 2)
        canvas.pixels.removeLast()
        #expect(throws: CompositingError.malformedRaster(layer: -1, expectedBytes: 16, actualBytes: 15)) {
            try Compositor.compose([], onto: &canvas)
        }
    }
}
