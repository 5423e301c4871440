import Testing
@testable import LayerOptions

@Suite struct ServiceURLTests {
    @Test func trimsAndAddsTheTrailingSlashAsCleanUrlDoes() throws {
        #expect(try ServiceURL(parsing: "  http://arcgis.com/  ").base == "http://arcgis.com/")
        #expect(try ServiceURL(parsing: "https://host/arcgis/rest/services/A/ImageServer").base == "https://host/arcgis/rest/services/A/ImageServer/")
    }

    @Test func movesTheQueryStringToParametersDecodedAsDecodeURI() throws {
        let url = try ServiceURL(parsing: "http://host/ImageServer?foo=a%20b&list=1%2C2&q=%27x%27&e=")
        #expect(url.base == "http://host/ImageServer/")
        #expect(url.queryParameters == ["foo": "a b", "list": "1%2C2", "q": "'x'", "e": ""])
    }

    @Test(arguments: [
        "ftp://host/ImageServer", "host/ImageServer", "http://", "http:///path", "not a url", "",
        "http://host/Image Server", "http://host/ImageServer?a=b=c", "http://host/ImageServer?flag",
        "http://host/ImageServer?a=b&", "http://host/ImageServer?a=%E0%A4%A", "http://host/ImageServer?a=%FF",
    ])
    func refusesURLsEsriLeafletCannotUse(text: String) {
        #expect(throws: OptionError.self) { try ServiceURL(parsing: text) }
    }

    @Test func decodeURIKeepsReservedEscapesAndDecodesUTF8() {
        #expect(ServiceURL.decodeURI("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23") == "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23")
        #expect(ServiceURL.decodeURI("caf%C3%A9%20%41") == "café A")
        #expect(ServiceURL.decodeURI("%zz") == nil)
        #expect(ServiceURL.decodeURI("%C3") == nil)
    }
}
