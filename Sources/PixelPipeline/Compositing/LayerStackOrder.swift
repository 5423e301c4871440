import LayerOptions

/// The order, bottom to top, in which a Leaflet map shows Esri Leaflet image layers.
///
/// The rule is what a browser paints once every layer has been added to the map and its
/// image has loaded, in insertion order (the order of the array given to
/// ``bottomToTop(_:)``):
///
/// 1. **Pane.** Layers of a pane with a lower z-index are below; panes with equal z-index
///    keep their creation order: Leaflet's own panes (`MapPane.leafletPanes`) first, then
///    the custom panes in the order given to ``init(customPanes:)``, then panes that no one
///    declared, created at z-index 400 (as `map.createPane` makes them) when a layer first
///    names them.
/// 2. **Within a pane**, each image is placed as Esri Leaflet places it when it loads:
///    - a layer with a non-zero `zIndex` is appended to the pane with that CSS z-index
///      (its `position` is ignored; `zIndex: 0` counts as none, as in JavaScript);
///    - a `front` layer is appended (`bringToFront`) and, if another image of the pane
///      has a z-index, gets the largest one plus 1;
///    - a `back` layer is inserted first (`bringToBack`) and, if another image of the pane
///      has a z-index, gets the smallest one minus 1.
///
///    The browser then paints the pane's images by z-index (none counts as 0), and equal
///    z-indexes in document order.
///
/// So with no z-indexes, `back` layers are below `front` ones, later `front` layers on top
/// and later `back` layers at the bottom; a positive z-index is above the layers without
/// one that were added before it.
public struct LayerStackOrder: Sendable {
    /// What of a layer decides its place in the stack.
    public struct Layer: Sendable, Hashable {
        /// The name of the layer's pane (Esri Leaflet's default: `overlayPane`).
        public var pane: String
        /// The layer's `zIndex` option; `nil` or 0 for none.
        public var zIndex: Int?
        /// The layer's `position` option.
        public var position: LayerPosition

        /// A layer in `pane` with `zIndex` and `position`.
        public init(pane: String = "overlayPane", zIndex: Int? = nil,
                    position: LayerPosition = .front) {
            self.pane = pane
            self.zIndex = zIndex
            self.position = position
        }
    }

    /// The panes in creation order: Leaflet's, then the custom ones.
    private let panes: [MapPane]

    /// The stacking rule of a map with `customPanes` created in this order. A custom pane
    /// with a standard pane's name sets that pane's z-index (as styling it in CSS does)
    /// and keeps its creation order; a name given twice keeps the last z-index.
    public init(customPanes: [MapPane] = []) {
        var panes = MapPane.leafletPanes
        for pane in customPanes {
            if let index = panes.firstIndex(where: { $0.name == pane.name }) {
                panes[index].zIndex = pane.zIndex
            } else {
                panes.append(pane)
            }
        }
        self.panes = panes
    }

    /// The indexes of `layers` (given in insertion order), bottom first.
    public func bottomToTop(_ layers: [Layer]) -> [Int] {
        var panes = self.panes
        var panesInUse: [Int: [Int]] = [:]  // pane position in `panes` -> its layers
        for (index, layer) in layers.enumerated() {
            let pane = panes.firstIndex { $0.name == layer.pane } ?? {
                panes.append(MapPane(name: layer.pane, zIndex: MapPane.customPaneZIndex))
                return panes.count - 1
            }()
            panesInUse[pane, default: []].append(index)
        }
        let paneOrder = panesInUse.keys.sorted { a, b in
            panes[a].zIndex != panes[b].zIndex ? panes[a].zIndex < panes[b].zIndex : a < b
        }
        return paneOrder.flatMap { pane in Self.orderWithinPane(panesInUse[pane] ?? [], of: layers) }
    }

    /// One pane's layers (indexes in insertion order), bottom first.
    private static func orderWithinPane(_ members: [Int], of layers: [Layer]) -> [Int] {
        // The pane's children in document order, each with its CSS z-index (nil: none).
        var children: [(layer: Int, zIndex: Int?)] = []
        for index in members {
            let layer = layers[index]
            if let zIndex = layer.zIndex, zIndex != 0 {
                children.append((index, zIndex))
                continue
            }
            let others = children.compactMap(\.zIndex)
            switch layer.position {
            case .front:
                children.append((index, others.max().map { $0 + 1 }))
            case .back:
                children.insert((index, others.min().map { $0 - 1 }), at: 0)
            }
        }
        // Paint order: by z-index (none paints with 0), then document order.
        return children.enumerated()
            .sorted { a, b in
                let za = a.element.zIndex ?? 0, zb = b.element.zIndex ?? 0
                return za != zb ? za < zb : a.offset < b.offset
            }
            .map(\.element.layer)
    }
}
