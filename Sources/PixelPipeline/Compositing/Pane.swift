/// A Leaflet map pane: a named layer container whose CSS `z-index` orders it among the
/// other panes. Panes with equal z-index keep their creation order (later is on top).
public struct Pane: Sendable, Hashable {
    /// The pane's name, as a layer's `pane` option names it.
    public var name: String
    /// The pane's CSS `z-index`.
    public var zIndex: Int

    /// A pane; a custom pane without a z-index has Leaflet's default for `.leaflet-pane`, 400.
    public init(name: String, zIndex: Int = 400) {
        self.name = name
        self.zIndex = zIndex
    }

    /// Leaflet's `tilePane` (z-index 200).
    public static let tile = Pane(name: "tilePane", zIndex: 200)
    /// Leaflet's `overlayPane` (z-index 400), Esri Leaflet's default for image layers.
    public static let overlay = Pane(name: "overlayPane", zIndex: 400)
    /// Leaflet's `shadowPane` (z-index 500).
    public static let shadow = Pane(name: "shadowPane", zIndex: 500)
    /// Leaflet's `markerPane` (z-index 600).
    public static let marker = Pane(name: "markerPane", zIndex: 600)
    /// Leaflet's `tooltipPane` (z-index 650).
    public static let tooltip = Pane(name: "tooltipPane", zIndex: 650)
    /// Leaflet's `popupPane` (z-index 700).
    public static let popup = Pane(name: "popupPane", zIndex: 700)

    /// The panes a Leaflet map creates, in creation order.
    public static let standard: [Pane] = [.tile, .overlay, .shadow, .marker, .tooltip, .popup]
}
