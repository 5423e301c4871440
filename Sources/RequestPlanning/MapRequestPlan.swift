import LayerOptions

/// Every request Esri Leaflet would send for a map spec, layer by layer: the export for
/// the view, the metadata it fetches when the layer is added, and an identify for each click.
///
/// Requests are planned in the order a Leaflet page sends them (each layer's export then
/// its metadata, in layer order; then, click by click, each layer's identify), which is
/// the order JSONP callbacks are numbered in.
public struct MapRequestPlan: Sendable, Equatable {
    /// One layer's requests.
    public struct LayerRequests: Sendable, Equatable {
        /// exportImage: one request, or none outside the layer's zoom range.
        public var export: [PlannedRequest]
        /// identify, one per click.
        public var identify: [PlannedRequest]
        /// The service metadata (`…/ImageServer/?f=json`).
        public var metadata: PlannedRequest
    }

    /// The view the requests are for.
    public let view: MapView
    /// Each layer's requests, in layer order.
    public let layers: [LayerRequests]

    /// Plans the requests of `spec`.
    public init(spec: MapSpec) {
        let view = MapView(spec)
        var callbacks = JSONPCallbackNames()
        var layers: [LayerRequests] = []
        for options in spec.layers {
            let export = ExportImageRequest.request(for: options, view: view, callbacks: &callbacks)
            let metadata = ServiceRequestBuilder(options: options).request(
                path: "", parameters: JSONObject(), transport: .get, caller: .service, callbacks: &callbacks)
            layers.append(LayerRequests(export: export.map { [$0] } ?? [], identify: [], metadata: metadata))
        }
        for click in spec.clicks {
            for index in layers.indices {
                let identify = IdentifyImageTask.popup(for: spec.layers[index], at: click)
                layers[index].identify.append(identify.request(callbacks: &callbacks))
            }
        }
        self.view = view
        self.layers = layers
    }

    /// `{"layers": [{"export": [REQ…], "identify": [REQ…], "metadata": REQ}]}`.
    public var json: JSONValue {
        ["layers": .array(layers.map { layer in
            ["export": .array(layer.export.map(\.json)), "identify": .array(layer.identify.map(\.json)), "metadata": layer.metadata.json]
        })]
    }
}
