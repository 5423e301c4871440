import Testing
import LayerOptions
import RequestPlanning

@Suite struct ServiceRequestBuilderTests {
    static let mock = "http://services.arcgis.com/mock/arcgis/rest/services/MockService"

    @Test func anEmptyPostBodyIsJustF() throws {
        var names = JSONPCallbackNames()
        let builder = ServiceRequestBuilder(options: try LayerOptions(url: Self.mock))
        let long = String(repeating: "x", count: 2000)
        let request = builder.request(path: "route", parameters: ["long": .string(long)], transport: .automatic, caller: .service, callbacks: &names)
        #expect(request == .post(Self.mock + "/route", body: "long=\(long)&f=json"))
    }

    @Test func prefixesTheProxyWithoutEncoding() throws {
        var options = try LayerOptions(url: Self.mock)
        try options.setProxy("/proxy")
        var names = JSONPCallbackNames()
        let request = ServiceRequestBuilder(options: options).request(path: "route", parameters: [:], transport: .get, caller: .service, callbacks: &names)
        #expect(request == .get("/proxy?http://services.arcgis.com/mock/arcgis/rest/services/MockService/route?f=json"))
    }

    @Test func switchesToPostPastExactly2000Characters() throws {
        let builder = ServiceRequestBuilder(options: try LayerOptions(url: Self.mock))
        let base = Self.mock + "/route?v=&f=json"
        var names = JSONPCallbackNames()
        let fits = String(repeating: "a", count: 2000 - base.count)
        #expect(builder.request(path: "route", parameters: ["v": .string(fits)], transport: .automatic, caller: .service, callbacks: &names).method == .get)
        let over = fits + "a"
        let request = builder.request(path: "route", parameters: ["v": .string(over)], transport: .automatic, caller: .service, callbacks: &names)
        #expect(request == .post(Self.mock + "/route", body: "v=\(over)&f=json"))
        #expect(builder.request(path: "", parameters: ["v": .string(over)], transport: .get, caller: .service, callbacks: &names).method == .get)
    }

    @Test func withoutCorsEveryJSONRequestIsJSONPNumberedInOrder() throws {
        var options = try LayerOptions(url: Self.mock)
        options.useCors = false
        let builder = ServiceRequestBuilder(options: options)
        var names = JSONPCallbackNames()
        let first = builder.request(path: "", parameters: [:], transport: .get, caller: .service, callbacks: &names)
        let long = String(repeating: "x", count: 3000)
        let second = builder.request(path: "identify", parameters: ["g": .string(long)], transport: .automatic, caller: .task, callbacks: &names)
        #expect(first == .get(Self.mock + "/?callback=window._EsriLeafletCallbacks.c0&f=json"))
        #expect(second == .get(Self.mock + "/identify?g=\(long)&callback=window._EsriLeafletCallbacks.c1&f=json"))
    }

    @Test func aTaskPutsRequestParamsBeforeTheTokenAndTheServiceAfter() throws {
        var options = try LayerOptions(url: Self.mock + "?foo=bar")
        try options.setToken("t")
        let builder = ServiceRequestBuilder(options: options)
        var names = JSONPCallbackNames()
        #expect(builder.request(path: "identify", parameters: ["a": 1], transport: .automatic, caller: .task, callbacks: &names)
            == .get(Self.mock + "/identify?a=1&foo=bar&token=t&f=json"))
        #expect(builder.request(path: "", parameters: [:], transport: .get, caller: .service, callbacks: &names)
            == .get(Self.mock + "/?token=t&foo=bar&f=json"))
    }
}
