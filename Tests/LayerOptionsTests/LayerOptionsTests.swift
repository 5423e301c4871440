import Foundation
import Testing
import LayerOptions

@Suite struct LayerOptionsTests {
    static let url = "http://services.arcgis.com/mock/arcgis/rest/services/MockImageService/ImageServer"

    static func options(_ members: JSONObject) throws -> LayerOptions {
        var object: JSONObject = ["url": .string(url)]
        for member in members.members { object[member.key] = member.value }
        return try LayerOptions(json: .object(object))
    }

    @Test func hasEsriLeafletsDefaults() throws {
        let options = try LayerOptions(url: Self.url)
        #expect(options.url == Self.url + "/")
        #expect(options.format == .jpgpng)
        #expect(options.f == .image)
        #expect(options.opacity == 1)
        #expect(options.pane == "overlayPane")
        #expect(options.position == .front)
        #expect(options.transparent)
        #expect(options.useCors)
        #expect(options.zIndex == nil && options.minZoom == nil && options.maxZoom == nil)
        #expect(options.bandIds == nil && options.noData == nil && options.pixelType == nil && options.token == nil)
        #expect(options.requestParams.members.isEmpty)
    }

    @Test func acceptsTheDocumentationsSpellingJpegpng() throws {
        #expect(try Self.options(["format": "jpegpng"]).format == .jpgpng)
        #expect(try Self.options(["format": "png32"]).format == .png32)
    }

    @Test func storesBandIdsAsTextFromAnArrayOrAString() throws {
        #expect(try Self.options(["bandIds": [3, 0, 1]]).bandIds?.text == "3,0,1")
        #expect(try Self.options(["bandIds": "3,0,1"]).bandIds?.text == "3,0,1")
        #expect(try Self.options(["bandIds": "3, 0"]).bandIds?.indices == [3, 0])
        var options = try LayerOptions(url: Self.url)
        try options.setBandIds([2, 1])
        #expect(options.bandIds?.text == "2,1")
    }

    @Test func keepsNoDataAsEsriLeafletDoes() throws {
        #expect(try Self.options(["noData": 0]).noData == .number(0))
        #expect(try Self.options(["noData": [58, 128, 187]]).noData == .text("58,128,187"))
        #expect(try Self.options(["noData": "1,2,3"]).noData?.values == [1, 2, 3])
        var options = try LayerOptions(url: Self.url)
        options.setNoData(.number(0))
        #expect(options.noData == .text("0"))
        #expect(options.noDataInterpretation == nil)
        options.setNoData(.number(5), interpretation: .matchAll)
        #expect(options.noDataInterpretation == .matchAll)
        options.setNoData(.number(6))
        #expect(options.noDataInterpretation == .matchAll)
    }

    @Test func readsTimesAsEpochMillisecondsOrISO8601() throws {
        let options = try Self.options(["from": "2014-01-09T00:00:00-08:00", "to": 1_389_513_600_000])
        #expect(options.from.map(Timestamp.epochMilliseconds) == 1_389_254_400_000)
        #expect(options.to.map(Timestamp.epochMilliseconds) == 1_389_513_600_000)
    }

    @Test func movesTheURLQueryToRequestParamsReplacingTheOption() throws {
        let options = try LayerOptions(json: ["url": .string(Self.url + "?foo=bar&x=1"), "requestParams": ["lost": "yes"]])
        #expect(options.url == Self.url + "/")
        #expect(options.requestParams == ["foo": "bar", "x": "1"])
        #expect(try Self.options(["requestParams": ["a": 1, "b": true]]).requestParams == ["a": 1, "b": true])
    }

    @Test func keepsRulesAsObjectsInTheirOrder() throws {
        let options = try Self.options(["renderingRule": ["rasterFunction": "Hillshade", "rasterFunctionArguments": ["Azimuth": 315]]])
        #expect(JSONValue.object(options.renderingRule ?? [:]).stringified == #"{"rasterFunction":"Hillshade","rasterFunctionArguments":{"Azimuth":315}}"#)
    }

    @Test func bringToFrontAndBackSetThePosition() throws {
        var options = try LayerOptions(url: Self.url)
        options.bringToBack()
        #expect(options.position == .back)
        options.bringToFront()
        #expect(options.position == .front)
    }

    @Test func zoomRangeDecidesVisibilityInclusively() throws {
        let options = try Self.options(["minZoom": 3, "maxZoom": 12.25])
        #expect(options.isVisible(atZoom: 3) && options.isVisible(atZoom: 12.25))
        #expect(!options.isVisible(atZoom: 2.999) && !options.isVisible(atZoom: 12.26))
    }

    /// Every refused value names the option and the value, and says what is allowed.
    @Test(arguments: [
        (["opacity": 1.5], "opacity: 1.5 is not allowed; expected a number from 0 to 1"),
        (["opacity": -0.1], "opacity: -0.1 is not allowed; expected a number from 0 to 1"),
        (["opacity": "0.5"], "opacity: \"0.5\" is not allowed; expected a number from 0 to 1"),
        (["pixelType": "U9"], "pixelType: \"U9\" is not allowed; expected one of C128, C64, F32, F64, S16, S32, S8, U1, U16, U2, U32, U4, U8, UNKNOWN"),
        (["bandIds": "a,b"], "bandIds: \"a,b\" is not allowed; expected comma-separated 0-based band indices, e.g. \"3,0,1\""),
        (["bandIds": [-1]], "bandIds[0]: -1 is not allowed; expected an array of 0-based band indices such as [3, 0, 1], or the string \"3,0,1\""),
        (["bandIds": [1.5]], "bandIds[0]: 1.5 is not allowed; expected an array of 0-based band indices such as [3, 0, 1], or the string \"3,0,1\""),
        (["bandIds": []], "bandIds: [] is not allowed; list at least one band index, e.g. [3, 0, 1]"),
        (["from": 1_389_513_600_000, "to": 1_389_254_400_000], "from: 2014-01-12T08:00:00.000Z is not allowed; the time range must not start after it ends (to is 2014-01-09T08:00:00.000Z)"),
        (["from": "January 9 2014"], "from: \"January 9 2014\" is not allowed; expected epoch milliseconds or an ISO 8601 date such as \"2014-01-09\" or \"2014-01-09T08:00:00Z\""),
        (["renderingRule": "Hillshade"], "renderingRule: \"Hillshade\" is not allowed; expected a JSON object such as {\"rasterFunction\": \"Hillshade\"} (a template name alone is written {\"rasterFunction\": \"<name>\"})"),
        (["mosaicRule": [1]], "mosaicRule: [1] is not allowed; expected a JSON object such as {\"mosaicMethod\": \"esriMosaicLockRaster\", \"lockRasterIds\": [8]}"),
        (["url": "ftp://host/ImageServer"], "url: \"ftp://host/ImageServer\" is not allowed; expected an http(s) URL of an ImageServer, e.g. \"https://host/arcgis/rest/services/Name/ImageServer\""),
        (["url": 7], "url: 7 is not allowed; expected the ImageServer URL as a string"),
        (["noData": "x"], "noData: \"x\" is not allowed; expected a number or comma-separated numbers, one per band, e.g. \"58,128,187\""),
        (["noData": true], "noData: true is not allowed; expected a number, a string such as \"58,128,187\", or an array with one number per band"),
        (["noDataInterpretation": "any"], "noDataInterpretation: \"any\" is not allowed; expected one of esriNoDataMatchAny, esriNoDataMatchAll"),
        (["position": "middle"], "position: \"middle\" is not allowed; expected one of front, back"),
        (["f": "pjson"], "f: \"pjson\" is not allowed; expected one of image, json"),
        (["format": "jpeg"], "format: \"jpeg\" is not allowed; expected one of jpgpng, png, png8, png24, png32, jpg, bmp, gif, tiff, lerc, bip, bsq (or jpegpng for jpgpng)"),
        (["compressionQuality": 101], "compressionQuality: 101 is not allowed; expected an integer from 0 to 100"),
        (["compressionQuality": 50.5], "compressionQuality: 50.5 is not allowed; expected an integer from 0 to 100"),
        (["zIndex": 1.5], "zIndex: 1.5 is not allowed; expected an integer z-index"),
        (["minZoom": 10, "maxZoom": 5], "minZoom: 10 is not allowed; minZoom must not be above maxZoom (5)"),
        (["minZoom": -1], "minZoom: -1 is not allowed; expected a zoom level of 0 or more"),
        (["interpolation": "bilinear"], "interpolation: \"bilinear\" is not allowed; expected one of RSP_BilinearInterpolation, RSP_CubicConvolution, RSP_Majority, RSP_NearestNeighbor"),
        (["token": ""], "token: an empty string is not allowed; expected the token as issued (or leave it unset)"),
        (["proxy": ""], "proxy: \"\" is not allowed; expected a proxy URL such as \"https://host/proxy.ashx\""),
        (["requestParams": "a=b"], "requestParams: \"a=b\" is not allowed; expected an object of parameter names and values, e.g. {\"foo\": \"bar\"}"),
        (["requestParams": ["n": nil]], "requestParams.n: null is not allowed; expected a non-empty name with a string, number, boolean, array or object value"),
        (["useCors": "no"], "useCors: \"no\" is not allowed; expected true or false"),
        (["pane": "my pane"], "pane: \"my pane\" is not allowed; expected a pane name without spaces, e.g. \"overlayPane\""),
        (["opcity": 1], "opcity: an unknown option is not allowed; expected one of url, format, f, opacity, pane, zIndex, position, minZoom, maxZoom, bandIds, noData, noDataInterpretation, pixelType, renderingRule, mosaicRule, token, proxy, useCors, from, to, interpolation, compressionQuality, transparent, requestParams, attribution, withCredentials"),
    ] as [(JSONObject, String)])
    func refusesInvalidValues(members: JSONObject, message: String) {
        #expect {
            try Self.options(members)
        } throws: { error in
            (error as? OptionError)?.description == message
        }
    }

    @Test func refusesALayerWithoutURL() {
        #expect(throws: OptionError(path: "url", given: "nothing", allowed: "every layer needs the url of its ImageServer")) {
            try LayerOptions(json: ["opacity": 1])
        }
    }
}

@Suite struct LayerOptionsSetterTests {
    @Test func setBandIdsRefusesNegativeAndEmptyLists() throws {
        var options = try LayerOptions(url: LayerOptionsTests.url)
        #expect(throws: OptionError(path: "bandIds", given: "-1", allowed: "band indices are 0-based integers, 0 or more")) {
            try options.setBandIds([0, -1])
        }
        #expect(throws: OptionError.self) { try options.setBandIds([]) }
        #expect(options.bandIds == nil)
    }

    @Test func setOpacityKeepsTheOldValueWhenRefused() throws {
        var options = try LayerOptions(url: LayerOptionsTests.url)
        try options.setOpacity(0.25)
        #expect(throws: OptionError.self) { try options.setOpacity(.nan) }
        #expect(options.opacity == 0.25)
    }
}
