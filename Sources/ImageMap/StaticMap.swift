import ImageServiceClient
import LayerOptions
import PixelPipeline
import RequestPlanning

/// A static map: a view (size, and a centre and zoom or an exact bounding box), Leaflet's
/// panes plus any custom ones, and ImageMapLayers in the order they were added. `render()`
/// fetches every layer concurrently, stacks them as a Leaflet map does (pane, then
/// zIndex, then insertion, with front/back), composes them with their opacities and
/// encodes the picture.
///
/// ```swift
/// let client = ImageServiceClient()
/// defer { Task { try await client.shutdown() } }
/// let imagery = try ImageMapLayer(url: "https://host/arcgis/rest/services/World/ImageServer", client: client)
/// let lights = try ImageMapLayer(url: "https://host/arcgis/rest/services/Lights/ImageServer", client: client)
/// try lights.setOpacity(0.5)
/// var map = StaticMap(width: 1024, height: 512, viewport: .bounds(west: -180, south: -85, east: 180, north: 85),
///                     layers: [imagery, lights])
/// map.scale = 2
/// let rendered = try await map.render()
/// try rendered.write(to: "world.png")
/// ```
public struct StaticMap: Sendable {
    /// Width in CSS pixels.
    public var width: Int
    /// Height in CSS pixels.
    public var height: Int
    /// What the map shows.
    public var viewport: MapSpec.Viewport
    /// The layers, in the order they were added to the map.
    public var layers: [ImageMapLayer]
    /// Panes beyond Leaflet's own, in creation order.
    public var panes: [MapPane]
    /// The device pixel ratio, 1...4: the picture has `width·scale × height·scale` pixels
    /// of the same extent.
    public var scale: Double = 1
    /// What a layer that cannot be fetched or decoded does to the render.
    public var layerFailure: LayerFailurePolicy = .failRender
    /// The encoding of the picture.
    public var output: OutputFormat = .png()

    /// A map of `width × height` CSS pixels showing `viewport`.
    public init(width: Int, height: Int, viewport: MapSpec.Viewport, layers: [ImageMapLayer], panes: [MapPane] = []) {
        self.width = width
        self.height = height
        self.viewport = viewport
        self.layers = layers
        self.panes = panes
    }

    /// The map a spec describes, its layers sending their requests through `client`.
    public init(spec: MapSpec, client: ImageServiceClient) {
        self.init(width: spec.width, height: spec.height, viewport: spec.viewport,
                  layers: spec.layers.map { ImageMapLayer(options: $0, client: client) }, panes: spec.panes)
    }

    /// The Web Mercator view, as Leaflet computes it.
    public var view: MapView {
        switch viewport {
        case let .center(center, zoom): MapView(center: center, zoom: zoom, width: width, height: height)
        case let .bounds(west, south, east, north): MapView(west: west, south: south, east: east, north: north, width: width, height: height)
        }
    }

    /// Fetches, composes and encodes the map. `progress` hears each stage of each layer.
    public func render(progress: (@Sendable (RenderProgress) -> Void)? = nil) async throws(RenderError) -> RenderedMap {
        try await MapRenderer(map: self, progress: progress).render()
    }

    /// A click at `position`: each layer with a popup (``ImageMapLayer/bindPopup(_:)``)
    /// identifies the point and gives its content, in layer order.
    public func popups(at position: LatLng) async -> [(layer: Int, content: String)] {
        var popups: [(layer: Int, content: String)] = []
        for (index, layer) in layers.enumerated() {
            if let content = await layer.popup(at: position) { popups.append((index, content)) }
        }
        return popups
    }
}

/// What a failed layer does to a render.
public enum LayerFailurePolicy: Sendable, Equatable {
    /// The render fails with the layer's error (the default).
    case failRender
    /// The map is drawn without the layer; its report says why.
    case omitLayer
}

/// How a rendered map is encoded.
public enum OutputFormat: Sendable, Equatable {
    /// PNG: RGB when the picture is opaque, RGBA otherwise. `.fast` by default.
    case png(PNGEncoder.Compression = .fast)
    /// JPEG at `quality` (1–100), transparent areas over `background`.
    case jpeg(quality: Int = 85, background: JPEGEncoder.Background = .white)
}
