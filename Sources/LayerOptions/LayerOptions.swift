import Foundation

/// Every option of Esri Leaflet's `L.esri.ImageMapLayer`, with its default, validated
/// when set, and with Esri Leaflet's setter semantics.
///
/// ```swift
/// var options = try LayerOptions(url: "https://host/arcgis/rest/services/World/ImageServer")
/// try options.setOpacity(0.5)
/// try options.setBandIds([3, 0, 1])
/// try options.setNoData(.number(0), interpretation: .matchAll)
/// ```
public struct LayerOptions: Sendable, Equatable {
    /// The service URL, cleaned (trimmed, query moved to ``requestParams``, trailing `/`).
    public private(set) var url: String
    /// exportImage's `format` (default `jpgpng`).
    public var format: ExportImageFormat = .jpgpng
    /// `f`: ask for the image itself (`image`, the default) or for JSON naming it (`json`).
    public var f: ResponseFormat = .image
    /// The layer's opacity, 0 (invisible) to 1 (opaque, the default).
    public private(set) var opacity: Double = 1
    /// The map pane the layer is drawn in (default `overlayPane`).
    public private(set) var pane: String = "overlayPane"
    /// The layer's z-index within its pane; `nil` or 0 leaves the order to ``position``.
    public var zIndex: Int?
    /// Above (`front`, the default) or below (`back`) the other layers of the pane.
    public var position: LayerPosition = .front
    /// Below this zoom the layer requests nothing.
    public private(set) var minZoom: Double?
    /// Above this zoom the layer requests nothing.
    public private(set) var maxZoom: Double?
    /// exportImage's `bandIds`.
    public var bandIds: BandIDs?
    /// exportImage's `noData`.
    public var noData: NoDataValue?
    /// exportImage's `noDataInterpretation`.
    public var noDataInterpretation: NoDataInterpretation?
    /// exportImage's `pixelType`.
    public var pixelType: PixelType?
    /// exportImage's `renderingRule`, a JSON object sent as written (member order kept).
    public var renderingRule: JSONObject?
    /// exportImage's and identify's `mosaicRule`, a JSON object sent as written.
    public var mosaicRule: JSONObject?
    /// A token sent as the `token` parameter of every request.
    public private(set) var token: String?
    /// A proxy: every request goes to `proxy + "?" + url`, the URL not encoded.
    public private(set) var proxy: String?
    /// Whether JSON requests use CORS (true, the default) or JSONP (false), as Esri Leaflet.
    public var useCors: Bool = true
    /// The start of the time range; `time` is sent only when both ends are set.
    public private(set) var from: Date?
    /// The end of the time range.
    public private(set) var to: Date?
    /// exportImage's `interpolation`.
    public var interpolation: Interpolation?
    /// exportImage's `compressionQuality`, 0–100. As in Esri Leaflet, 0 is not sent.
    public private(set) var compressionQuality: Int?
    /// Esri Leaflet always sends `transparent` (default `true`).
    public var transparent: Bool = true
    /// Extra parameters for every request, after the operation's own and before `f`.
    /// A query string in the URL replaces them, as in Esri Leaflet.
    public private(set) var requestParams: JSONObject = JSONObject()
    /// Attribution text; when unset, the service's `copyrightText` is used.
    public var attribution: String?
    /// Whether requests carry credentials (cookies) across origins.
    public var withCredentials: Bool = false

    /// The options for the Image Service at `url`, every other option at its default.
    /// A query string in `url` becomes ``requestParams``.
    public init(url: String) throws(OptionError) {
        let serviceURL = try ServiceURL(parsing: url)
        self.url = serviceURL.base
        if let parameters = serviceURL.queryParameters { requestParams = parameters }
    }

    /// Sets the opacity, 0...1.
    public mutating func setOpacity(_ opacity: Double) throws(OptionError) {
        self.opacity = try Self.checkedOpacity(opacity)
    }

    /// `opacity` if it is a layer opacity (finite, 0...1); otherwise an error at path `opacity`.
    static func checkedOpacity(_ opacity: Double) throws(OptionError) -> Double {
        guard opacity.isFinite, (0...1).contains(opacity) else {
            throw OptionError(path: "opacity", given: JavaScriptNumber.string(opacity), allowed: "expected a number from 0 to 1")
        }
        return opacity
    }

    /// Sets the pane by name; panes other than Leaflet's own are created at z-index 400
    /// unless the map declares them.
    public mutating func setPane(_ pane: String) throws(OptionError) {
        guard !pane.isEmpty, !pane.contains(where: \.isWhitespace) else {
            throw OptionError(path: "pane", value: .string(pane), allowed: "expected a pane name without spaces, e.g. \"overlayPane\"")
        }
        self.pane = pane
    }

    /// Sets the zoom range in which the layer requests images; either end may be `nil`.
    public mutating func setZoomRange(min minZoom: Double?, max maxZoom: Double?) throws(OptionError) {
        for (name, zoom) in [("minZoom", minZoom), ("maxZoom", maxZoom)] {
            if let zoom, !zoom.isFinite || zoom < 0 {
                throw OptionError(path: name, given: JavaScriptNumber.string(zoom), allowed: "expected a zoom level of 0 or more")
            }
        }
        if let minZoom, let maxZoom, minZoom > maxZoom {
            throw OptionError(path: "minZoom", given: JavaScriptNumber.string(minZoom),
                              allowed: "minZoom must not be above maxZoom (\(JavaScriptNumber.string(maxZoom)))")
        }
        self.minZoom = minZoom
        self.maxZoom = maxZoom
    }

    /// Whether the layer requests an image at `zoom` (Esri Leaflet: not when
    /// `zoom > maxZoom || zoom < minZoom`).
    public func isVisible(atZoom zoom: Double) -> Bool {
        !(maxZoom.map { zoom > $0 } ?? false) && !(minZoom.map { zoom < $0 } ?? false)
    }

    /// Esri Leaflet's `setBandIds(array)`: stored as text, `[3, 0, 1]` → `"3,0,1"`.
    public mutating func setBandIds(_ indices: [Int]) throws(OptionError) {
        bandIds = try BandIDs(indices)
    }

    /// Esri Leaflet's `setNoData(value, interpretation)`: the value is stored as text (so
    /// `getNoData()` gives `"0"`, not `0`); the interpretation only changes when given.
    public mutating func setNoData(_ value: NoDataValue, interpretation: NoDataInterpretation? = nil) {
        noData = .text(value.parameterText)
        if let interpretation { noDataInterpretation = interpretation }
    }

    /// Sets the time range. Both ends or neither are needed for `time` to be sent, and
    /// `from` must not be after `to`.
    public mutating func setTimeRange(from: Date?, to: Date?) throws(OptionError) {
        if let from, let to, from > to {
            throw OptionError(path: "from", given: Self.iso8601(from),
                              allowed: "the time range must not start after it ends (to is \(Self.iso8601(to)))")
        }
        self.from = from
        self.to = to
    }

    /// Sets `compressionQuality`, 0...100.
    public mutating func setCompressionQuality(_ quality: Int?) throws(OptionError) {
        if let quality, !(0...100).contains(quality) {
            throw OptionError(path: "compressionQuality", given: String(quality), allowed: "expected an integer from 0 to 100")
        }
        compressionQuality = quality
    }

    /// Esri Leaflet's `authenticate(token)`: sets (or clears) the token sent with every request.
    public mutating func setToken(_ token: String?) throws(OptionError) {
        if let token, token.isEmpty {
            throw OptionError(path: "token", given: "an empty string", allowed: "expected the token as issued (or leave it unset)")
        }
        self.token = token
    }

    /// Sets the proxy that every request is sent through (`proxy?url`).
    public mutating func setProxy(_ proxy: String?) throws(OptionError) {
        if let proxy, proxy.isEmpty || proxy.contains(where: \.isWhitespace) {
            throw OptionError(path: "proxy", value: .string(proxy), allowed: "expected a proxy URL such as \"https://host/proxy.ashx\"")
        }
        self.proxy = proxy
    }

    /// Sets the extra parameters sent with every request (values may be strings,
    /// numbers, booleans, arrays or objects).
    public mutating func setRequestParams(_ parameters: JSONObject) throws(OptionError) {
        for member in parameters.members {
            if member.key.isEmpty || member.value == .null {
                throw OptionError(path: "requestParams." + member.key, value: member.value,
                                  allowed: "expected a non-empty name with a string, number, boolean, array or object value")
            }
        }
        requestParams = parameters
    }

    /// Esri Leaflet's `bringToFront()`: on top of the pane's layers.
    public mutating func bringToFront() { position = .front }

    /// Esri Leaflet's `bringToBack()`: below the pane's layers.
    public mutating func bringToBack() { position = .back }

    private static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
