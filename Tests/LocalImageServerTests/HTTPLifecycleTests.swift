import AsyncHTTPClient
import Foundation
import Testing

@testable import LocalImageServer

/// Starting on a free port, the URLs, stopping, a busy port, concurrent requests, and the
/// output directory's lifetime.
@Suite struct HTTPLifecycleTests {
    @Test func startsOnAFreePortAndStopsCleanly() async throws {
        let server = try await LocalImageServer.start(catalog: try TestCatalog.make())
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.servicesURL == "http://127.0.0.1:\(server.port)/arcgis/rest/services")
        #expect(server.serviceURL(named: "Scene") == "http://127.0.0.1:\(server.port)/arcgis/rest/services/Scene/ImageServer")
        #expect(server.generateTokenURL == "http://127.0.0.1:\(server.port)/arcgis/tokens/generateToken")
        let output = server.output.root
        #expect(FileManager.default.fileExists(atPath: output))

        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: server.servicesURL + "?f=json"), timeout: .seconds(30))
        #expect(response.status.code == 200)
        _ = try await response.body.collect(upTo: 1 << 20)

        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: output))
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: server.servicesURL + "?f=json"), timeout: .seconds(5))
        }
        await server.stop()  // a second stop does nothing
    }

    @Test func aBusyPortIsAClearError() async throws {
        let catalog = try TestCatalog.make()
        let first = try await LocalImageServer.start(catalog: catalog)
        do {
            let second = try await LocalImageServer.start(catalog: catalog, port: first.port)
            await second.stop()
            Issue.record("a second server bound port \(first.port)")
        } catch {
            #expect(error.host == "127.0.0.1")
            #expect(error.port == first.port)
            #expect(error.description.hasPrefix("cannot serve on 127.0.0.1:\(first.port): "))
            #expect(error.description.contains("in use"))
        }
        await first.stop()
        await #expect(throws: LocalImageServerError(host: "127.0.0.1", port: 70000, reason: "the port must be from 0 to 65535")) {
            _ = try await LocalImageServer.start(catalog: catalog, port: 70000)
        }
    }

    @Test func concurrentExportsAllSucceed() async throws {
        try await TestServer.run { server in
            let path = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer/exportImage"
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<32 {
                    group.addTask {
                        let answer = index.isMultiple(of: 2)
                            ? try await server.get(path + "?\(TestCatalog.exportQuery)&f=image")
                            : try await server.post(path, form: TestCatalog.exportQuery + "&f=json")
                        return (answer.status, answer.header("Content-Type"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 32)
            #expect(statuses.filter { $0.1 == "image/png" }.count == 16)
            #expect(statuses.filter { $0.1 == "application/json; charset=utf-8" }.count == 16)
            #expect(statuses.allSatisfy { $0.0 == 200 })
        }
    }

    @Test func outputImagesExpire() throws {
        let fresh = try OutputDirectory(lifetime: 600)
        defer { fresh.remove() }
        let path = try fresh.store([1, 2, 3], service: "Scene", fileExtension: "png")
        let parts = path.split(separator: "/").map(String.init)
        #expect(parts.count == 2)
        #expect(parts[0] == "Scene_ImageServer")
        #expect(fresh.image(folder: parts[0], file: parts[1])?.bytes == [1, 2, 3])
        #expect(fresh.image(folder: parts[0], file: parts[1])?.contentType == "image/png")
        #expect(fresh.image(folder: "..", file: parts[1]) == nil)
        #expect(fresh.image(folder: parts[0], file: "../" + parts[1]) == nil)

        let expired = try OutputDirectory(lifetime: 0)
        defer { expired.remove() }
        let old = try expired.store([1], service: "Scene", fileExtension: "jpg")
        let oldParts = old.split(separator: "/").map(String.init)
        #expect(expired.image(folder: oldParts[0], file: oldParts[1]) == nil)
        // The next store into the folder deletes the expired file.
        _ = try expired.store([2], service: "Scene", fileExtension: "jpg")
        #expect(!FileManager.default.fileExists(atPath: expired.root + "/" + old))
        #expect(OutputDirectory.folderName(service: "a b/c") == "a_b_c_ImageServer")

        // Past the byte limit the oldest images go, expired or not; the newest always stays.
        let small = try OutputDirectory(lifetime: 600, byteLimit: 5)
        defer { small.remove() }
        let first = try small.store([1, 2, 3], service: "Scene", fileExtension: "png")
        let second = try small.store([4, 5], service: "Elevation", fileExtension: "png")
        #expect(FileManager.default.fileExists(atPath: small.root + "/" + first))
        let third = try small.store([6, 7, 8, 9, 10, 11], service: "Scene", fileExtension: "png")
        #expect(!FileManager.default.fileExists(atPath: small.root + "/" + first))
        #expect(!FileManager.default.fileExists(atPath: small.root + "/" + second))
        #expect(FileManager.default.fileExists(atPath: small.root + "/" + third))
    }
}
