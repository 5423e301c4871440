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
/// 2. **Within a pane**, as Leaflet 1.9 and Esri Leaflet 3.0 build it: when the layers are
///    added, each layer's `<img>` is appended to its pane with Leaflet's `ImageOverlay`
///    default CSS z-index, 1 (Esri Leaflet passes none). Then, as each image loads (in
///    insertion order), Esri Leaflet places it:
///    - a layer with a non-zero `zIndex` keeps its place and takes that z-index (its
///      `position` is ignored; `zIndex: 0` counts as none, as in JavaScript);
///    - a `front` layer moves to the end of the pane (`bringToFront`) and takes the largest
///      z-index of the pane's other images plus 1 (`_setAutoZIndex`, which sees every
///      image of the pane, loaded or not);
///    - a `back` layer moves to the start (`bringToBack`) and takes the smallest minus 1.
///
///    The browser then paints the pane's images by z-index, equal z-indexes in document
///    order.
///
/// So with no z-indexes, `back` layers are below `front` ones, later `front` layers on top
/// and later `back` layers at the bottom. A `front` layer added before a layer with an
/// explicit `zIndex` takes at least the other images' 1 plus 1 when it loads, so it can end
/// up above a `zIndex: 2` layer (both 2, and it was moved to the end): the page's order,
/// which a headless browser check in the tests confirms.
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
        // The pane's children in document order with their CSS z-index: every image appended
        // with ImageOverlay's default, 1, when its layer is added.
        var children: [(layer: Int, zIndex: Int)] = members.map { ($0, 1) }
        for index in members {
            guard let place = children.firstIndex(where: { $0.layer == index }) else { continue }
            if let zIndex = layers[index].zIndex, zIndex != 0 {
                children[place].zIndex = zIndex
                continue
            }
            var child = children.remove(at: place)
            let others = children.map(\.zIndex)
            switch layers[index].position {
            case .front:
                if let largest = others.max() { child.zIndex = largest + 1 }
                children.append(child)
            case .back:
                if let smallest = others.min() { child.zIndex = smallest - 1 }
                children.insert(child, at: 0)
            }
        }
        // Paint order: by z-index, then document order.
        return children.enumerated()
            .sorted { a, b in a.element.zIndex != b.element.zIndex ? a.element.zIndex < b.element.zIndex : a.offset < b.offset }
            .map(\.element.layer)
    }
}
