/// Why layers could not be ordered.
public enum LayerStackOrderError: Error, CustomStringConvertible, Equatable {
    /// A layer's `pane` is neither a standard Leaflet pane nor one of the custom panes.
    case unknownPane(name: String, layer: Int)

    public var description: String {
        switch self {
        case let .unknownPane(name, layer):
            return "Layer \(layer) is in pane \"\(name)\", which the map does not have. Use one of "
                + "\(Pane.standard.map(\.name).joined(separator: ", ")) or declare it as a custom pane."
        }
    }
}
