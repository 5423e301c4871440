/// Where a layer sits among the layers of its pane when it has no explicit `zIndex`:
/// Esri Leaflet's `position` option, changed by `bringToFront()` / `bringToBack()`.
public enum LayerPosition: String, Sendable, CaseIterable, Codable {
    /// Above the other layers of the pane (the default).
    case front
    /// Below the other layers of the pane.
    case back
}
