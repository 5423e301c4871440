import LayerOptions
import Testing
@testable import PixelPipeline

@Suite struct LayerStackOrderTests {
    typealias Layer = LayerStackOrder.Layer

    @Test func panesStackByZIndexThenCreationOrder() {
        let order = LayerStackOrder(customPanes: [MapPane(name: "labels", zIndex: 650), MapPane(name: "custom", zIndex: 400),
                                                  MapPane(name: "low", zIndex: 100)])
        let layers = [Layer(pane: "popupPane"), Layer(pane: "tooltipPane"), Layer(pane: "labels"),
                      Layer(pane: "custom"), Layer(pane: "overlayPane"), Layer(pane: "markerPane"),
                      Layer(pane: "shadowPane"), Layer(pane: "tilePane"), Layer(pane: "low")]
        // low 100, tile 200, overlay 400, custom 400 (created later), shadow 500, marker 600,
        // tooltip 650, labels 650 (created later), popup 700.
        #expect(order.bottomToTop(layers) == [8, 7, 4, 3, 6, 5, 1, 2, 0])
    }

    @Test func customPaneWithAStandardNameRestylesIt() {
        let order = LayerStackOrder(customPanes: [MapPane(name: "overlayPane", zIndex: 650), MapPane(name: "labels", zIndex: 650)])
        #expect(order.bottomToTop([Layer(pane: "labels"), Layer(pane: "tooltipPane"), Layer(pane: "overlayPane")])
            == [2, 1, 0])
    }

    @Test func anUndeclaredPaneIsCreatedAt400WhenFirstNamed() {
        let order = LayerStackOrder(customPanes: [MapPane(name: "declared", zIndex: 400)])
        let layers = [Layer(pane: "later"), Layer(pane: "declared"), Layer(pane: "overlayPane"), Layer(pane: "shadowPane")]
        // overlay 400, declared 400, later 400 (created when first named), shadow 500.
        #expect(order.bottomToTop(layers) == [2, 1, 0, 3])
    }

    @Test func frontLayersStackInInsertionOrderAndBackLayersInReverseBelowThem() {
        let layers = [Layer(position: .front), Layer(position: .back), Layer(position: .front),
                      Layer(position: .back), Layer()]
        #expect(LayerStackOrder().bottomToTop(layers) == [3, 1, 0, 2, 4])
    }

    @Test func zIndexOrdersAndIgnoresPosition() {
        let layers = [Layer(zIndex: 5, position: .back), Layer(zIndex: 2, position: .front), Layer(zIndex: 5),
                      Layer(zIndex: -1, position: .front)]
        #expect(LayerStackOrder().bottomToTop(layers) == [3, 1, 0, 2])
    }

    @Test func zeroZIndexIsNoZIndex() {
        #expect(LayerStackOrder().bottomToTop([Layer(), Layer(zIndex: 0, position: .back)]) == [1, 0])
    }

    @Test func frontAndBackAfterZIndexedLayersTakeTheEdgeZIndex() {
        // Every image starts at ImageOverlay's 1. Layer 0 loads: 2, moved to the end; layer 1:
        // 3; layer 2: 4 (largest plus 1), at the end; layer 3: 1 (smallest of 3, 2, 4, minus
        // 1), at the start. Painted by z-index: 3, 0, 1, 2.
        let layers = [Layer(), Layer(zIndex: 3), Layer(position: .front), Layer(position: .back)]
        #expect(LayerStackOrder().bottomToTop(layers) == [3, 0, 1, 2])
    }

    @Test func positiveZIndexAddedLaterIsAboveEarlierFrontLayers() {
        #expect(LayerStackOrder().bottomToTop([Layer(position: .front), Layer(zIndex: 3)]) == [0, 1])
    }

    @Test func aFrontLayerAfterANegativeZIndexGoesOnTop() {
        // Layer 0 loads first: 2 (the others' 1, plus 1); layer 1 takes -5; layer 2 then takes
        // 3 (largest of -5 and 2, plus 1).
        #expect(LayerStackOrder().bottomToTop([Layer(), Layer(zIndex: -5), Layer(position: .front)]) == [1, 0, 2])
    }

    @Test func aBackLayerGoesBelowEveryImageOfItsPane() {
        // Layer 0: 0 (the others' 1, minus 1); layer 1 takes 2; layer 2: -1 (smallest of 0
        // and 2, minus 1), below both.
        #expect(LayerStackOrder().bottomToTop([Layer(position: .back), Layer(zIndex: 2), Layer(position: .back)])
            == [2, 0, 1])
    }

    @Test func aFrontLayerAddedBeforeAZIndexTwoEndsAboveIt() {
        // Both end at z-index 2 (the front layer's 1 plus 1 when it loads), and the front
        // layer was moved to the end of the pane: the page paints it on top.
        #expect(LayerStackOrder().bottomToTop([Layer(position: .front), Layer(zIndex: 2)]) == [1, 0])
    }

    /// Every sequence of up to four layers over two panes, with every kind of zIndex and
    /// position: a permutation, panes in order, z-indexed layers by (zIndex, insertion),
    /// a front layer above every earlier layer of its pane (when the pane has no negative
    /// z-index), a back layer below every earlier z-indexed one, and below every earlier
    /// one when none of those had a z-index (else Esri Leaflet's `_setAutoZIndex` gives it
    /// the smallest z-index minus 1, which can still be above layers without one).
    @Test func exhaustiveSequencesKeepTheRule() {
        let kinds: [(zIndex: Int?, position: LayerPosition)] =
            [(nil, .front), (nil, .back), (0, .back), (2, .front), (2, .back), (7, .front), (-3, .front)]
        let order = LayerStackOrder(customPanes: [MapPane(name: "top", zIndex: 401)])
        var sequences: [[Layer]] = [[]]
        for _ in 0 ..< 4 {
            sequences = sequences + sequences.filter { $0.count == sequences.map(\.count).max() }.flatMap { seq in
                kinds.flatMap { kind in
                    ["overlayPane", "top"].map { seq + [Layer(pane: $0, zIndex: kind.zIndex, position: kind.position)] }
                }
            }
        }
        #expect(sequences.count == 1 + 14 + 196 + 2744 + 38416)
        for layers in sequences {
            let result = order.bottomToTop(layers)
            #expect(result.sorted() == Array(layers.indices))
            let rank = Dictionary(uniqueKeysWithValues: result.enumerated().map { ($1, $0) })
            for i in layers.indices {
                for j in layers.indices where i < j {
                    let (a, b) = (layers[i], layers[j])
                    if a.pane != b.pane {
                        #expect((rank[i]! < rank[j]!) == (a.pane == "overlayPane"))
                        continue
                    }
                    let za = a.zIndex ?? 0, zb = b.zIndex ?? 0
                    if za != 0 && zb != 0 {
                        #expect((rank[i]! < rank[j]!) == (za <= zb), "\(layers)")
                    }
                    guard zb == 0 else { continue }
                    let earlier = layers[..<j].filter { $0.pane == a.pane }
                    let earlierZIndexed = earlier.contains { ($0.zIndex ?? 0) != 0 }
                    switch b.position {
                    case .front where !layers.contains { $0.pane == a.pane && ($0.zIndex ?? 0) < 0 }:
                        #expect(rank[i]! < rank[j]!, "\(layers)")
                    case .back where za != 0 || !earlierZIndexed:
                        #expect(rank[i]! > rank[j]!, "\(layers)")
                    default:
                        break
                    }
                }
            }
        }
    }
}
