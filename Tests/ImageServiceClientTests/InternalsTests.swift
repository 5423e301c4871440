import Foundation
@testable import ImageServiceClient
import LayerOptions
import RequestPlanning
import Testing

@Suite("Token redaction, GET→POST splitting, body reading")
struct InternalsTests {
    @Test func redactsAndRemovesTokens() {
        #expect(TokenRedaction.redacting("https://h/x?bbox=1&token=abc&f=json") == "https://h/x?bbox=1&token=<redacted>&f=json")
        #expect(TokenRedaction.redacting("https://p/proxy?https://h/o.png?token=abc") == "https://p/proxy?https://h/o.png?token=<redacted>")
        #expect(TokenRedaction.redacting("notoken=1&token=2") == "notoken=1&token=<redacted>")
        #expect(TokenRedaction.removing("https://h/x?bbox=1&token=abc&f=json") == "https://h/x?bbox=1&f=json")
        #expect(TokenRedaction.removing("https://h/x?bbox=1&token=abc") == "https://h/x?bbox=1")
        #expect(TokenRedaction.removing("https://h/o.png?token=abc") == "https://h/o.png")
        #expect(TokenRedaction.removing("token=abc&f=json") == "f=json")
    }

    @Test func longGetSplitsAtTheQueryNotAtTheProxy() {
        let query = "bbox=1&renderingRule=" + String(repeating: "x", count: 2000) + "&f=image"
        let direct = WireRequest(.get("https://h/s/ImageServer/exportImage?" + query), proxy: nil, maximumGetLength: 2000, convertLongGets: true)
        #expect(direct == WireRequest(method: .post, url: "https://h/s/ImageServer/exportImage", body: query, convertedFromGet: true))
        let proxied = WireRequest(.get("https://p/proxy?https://h/s/ImageServer/exportImage?" + query), proxy: "https://p/proxy",
                                  maximumGetLength: 2000, convertLongGets: true)
        #expect(proxied == WireRequest(method: .post, url: "https://p/proxy?https://h/s/ImageServer/exportImage", body: query,
                                       convertedFromGet: true))
        let longPath = "https://p/proxy?https://h/" + String(repeating: "a", count: 2100) + ".png"
        let proxyOnly = WireRequest(.get(longPath), proxy: "https://p/proxy", maximumGetLength: 2000, convertLongGets: true)
        #expect(proxyOnly == WireRequest(method: .get, url: longPath, body: nil, convertedFromGet: false))
        let off = WireRequest(.get("https://h/x?" + query), proxy: nil, maximumGetLength: 2000, convertLongGets: false)
        #expect(off.method == .get)
        #expect(direct.host == "h")
    }

    @Test func readsJSONPAndErrorEnvelopes() {
        guard case .value(let value) = ResponseBody.json(Array("window._EsriLeafletCallbacks.c0({\"a\":1});".utf8)) else {
            Issue.record("JSONP not unwrapped")
            return
        }
        #expect(value == ["a": 1])
        guard case .serviceError(let error) = ResponseBody.json(Array(#"{"error":{"code":"498","message":"Invalid token."}}"#.utf8)) else {
            Issue.record("error envelope not read")
            return
        }
        #expect(error == ResponseBody.ServiceError(code: 498, message: "Invalid token.", details: []))
        #expect(ResponseBody.preview(Array("line1\nline2\u{1}".utf8)) == "line1 line2·")
        #expect(ImageFormat(sniffing: []) == nil)
    }
}

@Suite("Disk cache")
struct DiskCacheTests {
    @Test func evictsTheOldestPastTheSizeLimitAndDropsOldEntries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = DiskCache(ImageServiceClient.CacheConfiguration(directory: directory, maximumBytes: 1000, maximumAge: .seconds(60)))
        let body = [UInt8](repeating: 7, count: 400)
        let keys = (0..<3).map { DiskCache.key(method: "GET", url: "https://h/x?n=\($0)&token=secret", body: nil) }
        #expect(keys[0] == "GET https://h/x?n=0\n")
        for (index, key) in keys.enumerated() {
            cache.write(key: key, entry: DiskCache.Entry(contentType: "image/png", body: body))
            // Distinct ages, oldest first, whatever the file system's timestamp resolution.
            let file = try #require(try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .first { $0.lastPathComponent == DiskCache.hash(key) + ".entry" })
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(index - 10))], ofItemAtPath: file.path)
        }
        #expect(cache.read(key: keys[0]) == nil)
        #expect(cache.read(key: keys[1]) == DiskCache.Entry(contentType: "image/png", body: body))
        #expect(cache.read(key: keys[2]) == DiskCache.Entry(contentType: "image/png", body: body))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 2)
        #expect(!files.contains { $0.hasPrefix(".tmp-") })

        let stale = DiskCache(ImageServiceClient.CacheConfiguration(directory: directory, maximumBytes: 1000, maximumAge: .seconds(5)))
        #expect(stale.read(key: keys[1]) == nil)
        #expect(stale.read(key: keys[2]) == nil)
    }
}
