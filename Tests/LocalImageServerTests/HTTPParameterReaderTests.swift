import Testing

@testable import LocalImageServer

/// Query strings and form bodies decoded as ArcGIS Server decodes them.
@Suite struct HTTPParameterReaderTests {
    func pairs(_ text: String) -> [String] {
        RequestParameterReader.formPairs(Array(text.utf8)).map { "\($0.name)=\($0.value)" }
    }

    @Test func plusIsSpaceAndPercentIsUTF8() {
        #expect(pairs("interpolation=+RSP_BilinearInterpolation") == ["interpolation= RSP_BilinearInterpolation"])
        #expect(pairs("a=%7B%22x%22%3A1%7D&b=caf%C3%A9&c=a%2Bb") == [#"a={"x":1}"#, "b=café", "c=a+b"])
    }

    @Test func emptySegmentsValuesAndMalformedEscapes() {
        #expect(pairs("&&a=&b&=c&") == ["a=", "b=", "=c"])
        #expect(pairs("a=100%&b=%zz&c=%4") == ["a=100%", "b=%zz", "c=%4"])
        #expect(pairs("a=1=2") == ["a=1=2"])
    }

    @Test func queryComesBeforeBody() {
        let all = RequestParameterReader.pairs(query: "f=json&a=1", body: Array("a=2".utf8))
        #expect(all.map(\.name) == ["f", "a", "a"])
        #expect(all.map(\.value) == ["json", "1", "2"])
    }

    @Test func formContentTypes() {
        #expect(RequestParameterReader.isForm(contentType: nil))
        #expect(RequestParameterReader.isForm(contentType: "application/x-www-form-urlencoded"))
        #expect(RequestParameterReader.isForm(contentType: "Application/X-WWW-Form-Urlencoded; charset=UTF-8"))
        #expect(!RequestParameterReader.isForm(contentType: "application/json"))
        #expect(!RequestParameterReader.isForm(contentType: "multipart/form-data; boundary=x"))
    }

    @Test func bearerTokensAndHosts() {
        #expect(ArcGISRequest.bearerToken("Bearer abc") == "abc")
        #expect(ArcGISRequest.bearerToken("bearer   abc ") == "abc")
        #expect(ArcGISRequest.bearerToken("Basic abc") == nil)
        #expect(ArcGISRequest.bearerToken("Bearer") == nil)
        #expect(ArcGISRequest.authority("localhost:8080", fallback: "127.0.0.1:1") == "localhost:8080")
        #expect(ArcGISRequest.authority("[::1]:8080", fallback: nil) == "[::1]:8080")
        #expect(ArcGISRequest.authority("evil\"/><script>", fallback: "127.0.0.1:1") == "127.0.0.1:1")
        #expect(ArcGISRequest.authority(nil, fallback: nil) == "127.0.0.1")
    }

    @Test func logLinesRedactSecrets() {
        typealias Log = RequestLogMiddleware<ImageServerRequestContext>
        #expect(Log.redacted(path: "/a", query: nil) == "/a")
        #expect(Log.redacted(path: "/a", query: "f=json&token=abc&Token=d&%74oken=e&x=token") == "/a?f=json&token=REDACTED&Token=REDACTED&%74oken=REDACTED&x=token")
        #expect(Log.redacted(path: "/t", query: "username=a&password=b&+token+=c") == "/t?username=REDACTED&password=REDACTED&+token+=REDACTED")
    }

    @Test func callbackNames() {
        #expect(JSONStyle.isValidCallback("L.esri._callback.c12"))
        #expect(JSONStyle.isValidCallback("a[0].$b"))
        #expect(!JSONStyle.isValidCallback(""))
        #expect(!JSONStyle.isValidCallback("alert(1)"))
        #expect(!JSONStyle.isValidCallback("a;b"))
        #expect(!JSONStyle.isValidCallback(String(repeating: "a", count: 129)))
    }
}
