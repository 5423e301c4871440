/// A Leaflet map pane: a named stacking layer of the map with a CSS z-index. Layers stack
/// by their pane's z-index first (equal z-indexes keep the panes' creation order).
public struct MapPane: Sendable, Equatable {
    /// The pane's name, e.g. `overlayPane`.
    public var name: String
    /// The pane's CSS z-index.
    public var zIndex: Int

    public init(name: String, zIndex: Int) {
        self.name = name
        self.zIndex = zIndex
    }

    /// Leaflet's own panes, in creation order, with the z-indexes of its stylesheet.
    public static let leafletPanes = [
        MapPane(name: "tilePane", zIndex: 200),
        MapPane(name: "overlayPane", zIndex: 400),
        MapPane(name: "shadowPane", zIndex: 500),
        MapPane(name: "markerPane", zIndex: 600),
        MapPane(name: "tooltipPane", zIndex: 650),
        MapPane(name: "popupPane", zIndex: 700),
    ]

    /// The z-index Leaflet's stylesheet gives a pane made with `map.createPane(name)`.
    public static let customPaneZIndex = 400
}
