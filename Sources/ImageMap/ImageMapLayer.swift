import Foundation
import ImageServiceClient
import LayerOptions
import NIOConcurrencyHelpers
import RequestPlanning

/// An Esri Leaflet `L.esri.ImageMapLayer` for static maps: the layer's options with
/// Esri Leaflet's getters and setters, and its service calls (metadata, identify, query,
/// authenticate) through an `ImageServiceClient` the caller owns.
///
/// ```swift
/// let client = ImageServiceClient()
/// let layer = try ImageMapLayer(url: "https://host/arcgis/rest/services/Landsat/ImageServer", client: client)
/// try layer.setBandIds([3, 0, 1])
/// try layer.setOpacity(0.5)
/// let pixel = try await layer.identify(at: LatLng(latitude: 37.75, longitude: -122.45))
/// ```
///
/// A layer is a reference, like a Leaflet layer: maps that hold it see its changes.
/// Changing an option that changes the export makes the next render fetch anew; changing
/// only the opacity or the stacking reuses the images already fetched (``redraw()``
/// forces a new fetch).
public final class ImageMapLayer: Sendable {
    /// The client that sends this layer's requests.
    public let client: ImageServiceClient
    private let state: NIOLockedValueBox<State>

    struct State {
        var options: LayerOptions
        var popup: PopupContent?
        var fetched: FetchedImages?
        var serviceMetadata: JSONObject?
        var eventHandler: (@Sendable (LayerEvent) -> Void)?
    }

    /// A layer with `options`, sending its requests through `client`.
    public init(options: LayerOptions, client: ImageServiceClient) {
        self.client = client
        state = NIOLockedValueBox(State(options: options))
    }

    /// A layer of the Image Service at `url` with Esri Leaflet's defaults.
    public convenience init(url: String, client: ImageServiceClient) throws(OptionError) {
        self.init(options: try LayerOptions(url: url), client: client)
    }

    /// The layer's options now.
    public var options: LayerOptions { state.withLockedValue { $0.options } }

    // MARK: Esri Leaflet's getters and setters

    /// `getOpacity()`.
    public var opacity: Double { options.opacity }
    /// `setOpacity(opacity)`: 0...1.
    public func setOpacity(_ opacity: Double) throws(OptionError) { try update { options throws(OptionError) in try options.setOpacity(opacity) } }

    /// `getBandIds()`: the stored text, e.g. `"3,0,1"`.
    public var bandIds: String? { options.bandIds?.text }
    /// `setBandIds([3, 0, 1])`.
    public func setBandIds(_ indices: [Int]) throws(OptionError) { try update { options throws(OptionError) in try options.setBandIds(indices) } }
    /// `setBandIds("3,0,1")`.
    public func setBandIds(_ text: String) throws(OptionError) {
        let bands = try BandIDs(parsing: text)
        update { $0.bandIds = bands }
    }

    /// `getNoData()`: a number given to the options stays a number; set values are text.
    public var noData: NoDataValue? { options.noData }
    /// `getNoDataInterpretation()`.
    public var noDataInterpretation: NoDataInterpretation? { options.noDataInterpretation }
    /// `setNoData(value, interpretation)`.
    public func setNoData(_ value: NoDataValue, interpretation: NoDataInterpretation? = nil) {
        update { $0.setNoData(value, interpretation: interpretation) }
    }

    /// `getPixelType()`.
    public var pixelType: PixelType? { options.pixelType }
    /// `setPixelType(type)`.
    public func setPixelType(_ pixelType: PixelType?) { update { $0.pixelType = pixelType } }

    /// `getRenderingRule()`.
    public var renderingRule: JSONObject? { options.renderingRule }
    /// `setRenderingRule(rule)`.
    public func setRenderingRule(_ rule: JSONObject?) { update { $0.renderingRule = rule } }

    /// `getMosaicRule()`.
    public var mosaicRule: JSONObject? { options.mosaicRule }
    /// `setMosaicRule(rule)`.
    public func setMosaicRule(_ rule: JSONObject?) { update { $0.mosaicRule = rule } }

    /// `getTimeRange()`: `[from, to]`.
    public var timeRange: (from: Date?, to: Date?) { let options = self.options; return (options.from, options.to) }
    /// `setTimeRange(from, to)`; `from` must not be after `to`.
    public func setTimeRange(from: Date?, to: Date?) throws(OptionError) {
        try update { options throws(OptionError) in try options.setTimeRange(from: from, to: to) }
    }

    /// The layer's z-index within its pane.
    public var zIndex: Int? { options.zIndex }
    /// `setZIndex(value)`.
    public func setZIndex(_ zIndex: Int?) { update { $0.zIndex = zIndex } }

    /// `bringToFront()`: above the other layers of the pane.
    public func bringToFront() { update { $0.bringToFront() } }
    /// `bringToBack()`: below the other layers of the pane.
    public func bringToBack() { update { $0.bringToBack() } }

    /// `authenticate(token)`: the token for every request from now on; requests waiting
    /// for authentication (after a 498/499) are sent again with it.
    public func authenticate(_ token: String) throws(OptionError) {
        try update { options throws(OptionError) in try options.setToken(token) }
        client.authenticate(token, service: options.url)
    }

    /// `redraw()`: the next render fetches this layer's images again.
    public func redraw() { state.withLockedValue { $0.fetched = nil } }

    // MARK: Service calls

    /// `metadata()`: the service's root JSON (`…/ImageServer/?f=json`), fetched anew.
    public func metadata() async throws(ImageServiceClientError) -> JSONValue {
        try await client.metadata(options)
    }

    /// The service's metadata as renders need it (size limits, copyright): fetched once,
    /// as Esri Leaflet fetches it when the layer is added, then kept.
    func renderMetadata() async throws(ImageServiceClientError) -> JSONObject {
        if let kept = state.withLockedValue({ $0.serviceMetadata }) { return kept }
        let metadata = IdentifyResult.object(try await metadata()) ?? JSONObject()
        state.withLockedValue { $0.serviceMetadata = metadata }
        return metadata
    }

    /// `identify()`: a task to configure (mosaic rule, pixel size, catalog items …) and
    /// send with ``identify(_:)``.
    public func identify() -> IdentifyImageTask { IdentifyImageTask(options: options) }

    /// Sends an identify task and shapes the answer as Esri Leaflet's `IdentifyImage` does.
    public func identify(_ task: IdentifyImageTask) async throws(ImageServiceClientError) -> IdentifyResult {
        IdentifyResult(response: try await client.identify(task))
    }

    /// `identify().at(latlng)` with the layer's mosaic rule (not its rendering rule), as the
    /// layer's popup sends it.
    public func identify(at position: LatLng) async throws(ImageServiceClientError) -> IdentifyResult {
        try await identify(IdentifyImageTask.popup(for: options, at: position))
    }

    /// `query()`: a catalog query to configure and run.
    public func query() -> LayerQuery { LayerQuery(task: QueryTask(options: options), client: client) }

    // MARK: Popups and events

    /// `bindPopup(fn)`: `content` is called for each click with the identify error (if
    /// any), the shaped result and the raw response; it returns the popup's text, or `nil`
    /// for no popup.
    public func bindPopup(_ content: @escaping PopupContent) { state.withLockedValue { $0.popup = content } }

    /// `unbindPopup()`.
    public func unbindPopup() { state.withLockedValue { $0.popup = nil } }

    /// The popup for a click at `position`, or `nil` when none is bound or the content
    /// function gives none. As in Esri Leaflet, an identify error reaches the function.
    public func popup(at position: LatLng) async -> String? {
        guard let content = state.withLockedValue({ $0.popup }) else { return nil }
        let task = IdentifyImageTask.popup(for: options, at: position)
        do {
            let response = try await client.identify(task)
            return content(nil, IdentifyResult(response: response), response)
        } catch {
            return content(error, nil, nil)
        }
    }

    /// Receives the layer's `loading` and `load` events (one handler; `nil` removes it).
    public func on(_ handler: (@Sendable (LayerEvent) -> Void)?) { state.withLockedValue { $0.eventHandler = handler } }

    func fire(_ event: LayerEvent) { state.withLockedValue { $0.eventHandler }?(event) }

    // MARK: Images kept between renders

    /// The images of the last render, if it planned exactly `requests`.
    func fetchedImages(for requests: [PlannedRequest]) -> FetchedImages? {
        state.withLockedValue { $0.fetched?.requests == requests ? $0.fetched : nil }
    }

    func keep(_ images: FetchedImages) { state.withLockedValue { $0.fetched = images } }

    private func update(_ change: (inout LayerOptions) throws(OptionError) -> Void) throws(OptionError) {
        let refusal: OptionError? = state.withLockedValue { state -> OptionError? in
            do throws(OptionError) { try change(&state.options) } catch { return error }
            return nil
        }
        if let refusal { throw refusal }
    }

    private func update(_ change: (inout LayerOptions) -> Void) {
        state.withLockedValue { change(&$0.options) }
    }
}

/// A popup's content function: the identify error, the shaped result, the raw response.
public typealias PopupContent = @Sendable (_ error: Error?, _ result: IdentifyResult?, _ response: JSONValue?) -> String?

/// A layer's events, as Esri Leaflet fires them.
public enum LayerEvent: Sendable, Equatable {
    /// The layer's export was requested (`loading`, with the map's bounds).
    case loading(southWest: LatLng, northEast: LatLng)
    /// The layer's image arrived (`load`).
    case load(southWest: LatLng, northEast: LatLng)
}
