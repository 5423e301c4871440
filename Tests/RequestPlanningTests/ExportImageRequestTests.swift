import Foundation
import Testing
import LayerOptions
import RequestPlanning

/// Esri Leaflet's `spec/Layers/ImageMapLayerSpec.js` assertions: a 500×500 map at
/// [37.75, -122.45], zoom 12, and the fragment each option adds before `&f=…`.
@Suite struct ExportImageRequestTests {
    static let service = "http://services.arcgis.com/mock/arcgis/rest/services/MockImageService/ImageServer"
    static let view = MapView(center: LatLng(latitude: 37.75, longitude: -122.45), zoom: 12, width: 500, height: 500)
    static let start = service + "/exportImage?bbox=-13640608.101145273%2C4534626.703018083%2C-13621498.844073977%2C4553735.960089375"
        + "&size=500%2C500&format=jpgpng&transparent=true&bboxSR=3857&imageSR=3857"

    static func url(_ members: JSONObject) throws -> String? {
        var object: JSONObject = ["url": .string(service)]
        for member in members.members { object[member.key] = member.value }
        var names = JSONPCallbackNames()
        return ExportImageRequest.request(for: try LayerOptions(json: .object(object)), view: view, callbacks: &names)?.url
    }

    @Test(arguments: [
        (["f": "json"], "&f=json"),
        ([:], "&f=image"),
        (["f": "json", "renderingRule": ["rasterFunction": "RFTAspectColor"]], "&renderingRule=%7B%22rasterFunction%22%3A%22RFTAspectColor%22%7D&f=json"),
        (["f": "json", "mosaicRule": ["mosaicMethod": "esriMosaicLockRaster", "lockRasterIds": [8]]],
         "&mosaicRule=%7B%22mosaicMethod%22%3A%22esriMosaicLockRaster%22%2C%22lockRasterIds%22%3A%5B8%5D%7D&f=json"),
        (["f": "json", "from": "2014-01-09T00:00:00-08:00", "to": "2014-01-12T00:00:00-08:00"], "&time=1389254400000%2C1389513600000&f=json"),
        (["f": "json", "bandIds": [3, 0, 1]], "&bandIds=3%2C0%2C1&f=json"),
        (["f": "json", "bandIds": "3,0,1"], "&bandIds=3%2C0%2C1&f=json"),
        (["f": "json", "noData": 0], "&noData=0&f=json"),
        (["f": "json", "noData": [58, 128, 187]], "&noData=58%2C128%2C187&f=json"),
        (["f": "json", "noData": 0, "noDataInterpretation": "esriNoDataMatchAll"], "&noData=0&noDataInterpretation=esriNoDataMatchAll&f=json"),
        (["f": "json", "pixelType": "U8"], "&pixelType=U8&f=json"),
        (["f": "json", "token": "foo"], "&token=foo&f=json"),
        (["token": "foo"], "&token=foo&f=image"),
        (["compressionQuality": 0], "&f=image"),
        (["compressionQuality": 75, "interpolation": "RSP_NearestNeighbor"], "&interpolation=RSP_NearestNeighbor&compressionQuality=75&f=image"),
        (["transparent": false, "format": "png32"], "&f=image"),
        (["from": 0], "&f=image"),
        (["renderingRule": ["a": "O'Brien"], "f": "json"], "&renderingRule=%7B%22a%22%3A%22O%27Brien%22%7D&f=json"),
        (["renderingRule": ["a": "O'Brien"]], "&renderingRule=%7B%22a%22%3A%22O'Brien%22%7D&f=image"),
    ] as [(JSONObject, String)])
    func addsEachOptionWhereEsriLeafletDoes(members: JSONObject, tail: String) throws {
        var expectedStart = Self.start
        if members["transparent"] == false { expectedStart = expectedStart.replacingOccurrences(of: "format=jpgpng&transparent=true", with: "format=png32&transparent=false") }
        #expect(try Self.url(members) == expectedStart + tail)
    }

    @Test func requestParamsGoBeforeFAndIntegerKeysBeforeEverything() throws {
        #expect(try Self.url(["requestParams": ["foo": "bar"]]) == Self.start + "&foo=bar&f=image")
        let url = try #require(try Self.url(["requestParams": ["z": "last", "2": "two"]]))
        #expect(url.hasPrefix(Self.service + "/exportImage?2=two&bbox="))
        #expect(url.hasSuffix("&z=last&f=image"))
    }

    @Test func aProxyPrefixesTheImageURL() throws {
        #expect(try Self.url(["proxy": "./proxy.ashx"]) == "./proxy.ashx?" + Self.start + "&f=image")
        #expect(try Self.url(["proxy": "./proxy.ashx", "f": "json"]) == "./proxy.ashx?" + Self.start + "&f=json")
    }

    @Test func theJSONFlowAppendsTheTokenThenThePrefix() throws {
        var options = try LayerOptions(url: Self.service)
        let href = "http://services.arcgis.com/mock/arcgis/rest/directories/arcgisoutput/Census_MapServer/_ags_mapec70.png"
        #expect(ExportImageRequest.imageURL(href: href, options: options) == href)
        try options.setProxy("./proxy.ashx")
        try options.setToken("foo")
        #expect(ExportImageRequest.imageURL(href: href, options: options) == "./proxy.ashx?" + href + "?token=foo")
    }

    @Test func nothingIsRequestedOutsideTheZoomRange() throws {
        #expect(try Self.url(["maxZoom": 11.99]) == nil)
        #expect(try Self.url(["minZoom": 12.01]) == nil)
        #expect(try Self.url(["minZoom": 12, "maxZoom": 12]) != nil)
    }

    @Test func anImageURLIsNeverPostedHoweverLong() throws {
        let rule: JSONObject = ["rasterFunction": .string(String(repeating: "r", count: 3000))]
        var names = JSONPCallbackNames()
        var options = try LayerOptions(url: Self.service)
        options.renderingRule = rule
        #expect(ExportImageRequest.request(for: options, view: Self.view, callbacks: &names)?.method == .get)
        options.f = .json
        #expect(ExportImageRequest.request(for: options, view: Self.view, callbacks: &names)?.method == .post)
    }
}

/// Esri Leaflet's `spec/Tasks/IdentifyImageSpec.js` and `QuerySpec.js` URLs.
@Suite struct IdentifyAndQueryTests {
    static let service = "http://services.arcgis.com/mock/arcgis/rest/services/MockImageService/ImageServer"
    static let at = "identify?returnGeometry=false&geometry=%7B%22x%22%3A-122.66%2C%22y%22%3A45.51%2C%22spatialReference%22%3A%7B%22wkid%22%3A4326%7D%7D&geometryType=esriGeometryPoint"

    static func identify(_ configure: (inout IdentifyImageTask) -> Void, options: LayerOptions? = nil) throws -> String {
        var task = IdentifyImageTask(options: try options ?? LayerOptions(url: service))
        task.at(LatLng(latitude: 45.51, longitude: -122.66))
        configure(&task)
        var names = JSONPCallbackNames()
        return task.request(callbacks: &names).url
    }

    @Test func identifiesAPointAsEsriLeaflet() throws {
        #expect(try Self.identify { _ in } == Self.service + "/" + Self.at + "&f=json")
        #expect(try Self.identify { $0.setMosaicRule(["mosaicMethod": "esriMosaicLockRaster", "lockRasterIds": [8]]) }
            == Self.service + "/" + Self.at + "&mosaicRule=%7B%22mosaicMethod%22%3A%22esriMosaicLockRaster%22%2C%22lockRasterIds%22%3A%5B8%5D%7D&f=json")
        #expect(try Self.identify { $0.setRenderingRule(["rasterFunction": "RFTAspectColor"]) }
            == Self.service + "/" + Self.at + "&renderingRule=%7B%22rasterFunction%22%3A%22RFTAspectColor%22%7D&f=json")
        #expect(try Self.identify { $0.setPixelSize(x: 15, y: 15) } == Self.service + "/" + Self.at + "&pixelSize=15%2C15&f=json")
        #expect(try Self.identify { $0.returnGeometry(true); $0.returnCatalogItems(true) }
            == Self.service + "/" + Self.at.replacingOccurrences(of: "returnGeometry=false", with: "returnGeometry=true") + "&returnCatalogItems=true&f=json")
        #expect(try Self.identify({ _ in }, options: LayerOptions(url: Self.service + "?foo=bar")) == Self.service + "/" + Self.at + "&foo=bar&f=json")
    }

    @Test func thePopupIdentifyCarriesTheMosaicRuleButNotTheRenderingRule() throws {
        var options = try LayerOptions(url: Self.service)
        options.mosaicRule = ["mosaicMethod": "esriMosaicNone"]
        options.renderingRule = ["rasterFunction": "Hillshade"]
        let task = IdentifyImageTask.popup(for: options, at: LatLng(latitude: 45.51, longitude: -122.66))
        #expect(task.parameters.keys == ["returnGeometry", "geometry", "geometryType", "mosaicRule"])
    }

    @Test func queriesTheCatalogAsEsriLeaflet() throws {
        var query = QueryTask(options: try LayerOptions(url: Self.service))
        query.pixelSize(x: 1, y: 1)
        var names = JSONPCallbackNames()
        #expect(query.request(callbacks: &names).url
            == Self.service + "/query?returnGeometry=true&where=1%3D1&outSR=4326&outFields=*&pixelSize=1%2C1&f=json")
        query.where("Name = 'x'")
        query.orderBy("Name")
        query.orderBy("OBJECTID", descending: true)
        query.limit(10)
        query.between(Date(timeIntervalSince1970: 1), Date(timeIntervalSince1970: 2))
        #expect(query.request(returning: .count, callbacks: &names).url
            == Self.service + "/query?returnGeometry=true&where=Name%20%3D%20%27x%27&outSR=4326&outFields=*&pixelSize=1%2C1"
            + "&orderByFields=Name%20ASC%2COBJECTID%20DESC&resultRecordCount=10&time=1000%2C2000&returnCountOnly=true&f=json")
    }
}
