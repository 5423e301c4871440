import LayerOptions
import Testing

@testable import LocalImageServer

/// A secured server: 499 without a token, 498 with a bad one, the three ways of sending a
/// good one, generateToken, secured output files, and tokens kept out of the log.
@Suite struct HTTPTokenTests {
    static let configuration = TokenConfiguration(users: [.init(username: "alice", password: "wonder land&=")], tokenMinutes: 30)
    static let root = "/arcgis/rest/services/\(TestCatalog.service)/ImageServer"

    /// A token from generateToken, checked for shape.
    static func token(_ server: TestServer) async throws -> String {
        let answer = try await server.post("/arcgis/tokens/generateToken", form: "username=alice&password=wonder+land%26%3D&client=referer&referer=http://x&expiration=5&f=json")
        guard case .string(let token)? = answer.json[member: "token"] else {
            Issue.record("no token: \(answer.text)")
            return ""
        }
        return token
    }

    @Test func missingTokenIs499() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            for path in ["/arcgis/rest/services?f=json", Self.root + "?f=json", Self.root + "/exportImage?\(TestCatalog.exportQuery)&f=image"] {
                let answer = try await server.get(path)
                #expect(answer.status == 200)
                #expect(answer.text == #"{"error":{"code":499,"message":"Token Required","details":[]}}"#, "\(path)")
            }
        }
    }

    @Test func wrongTokenIs498() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let expected = #"{"error":{"code":498,"message":"Invalid token.","details":[]}}"#
            let query = try await server.get(Self.root + "?f=json&token=nope")
            #expect(query.text == expected)
            let esri = try await server.get(Self.root + "?f=json", headers: [("X-Esri-Authorization", "Bearer nope")])
            #expect(esri.text == expected)
            let bearer = try await server.get(Self.root + "?f=json", headers: [("Authorization", "Bearer nope")])
            #expect(bearer.text == expected)
        }
    }

    @Test func eachWayOfSendingAGoodTokenWorks() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let token = try await Self.token(server)
            let query = try await server.get(Self.root + "?f=json&token=\(token)")
            #expect(envelope(query.json) == nil)
            #expect(query.json[member: "name"] != nil)
            let form = try await server.post(Self.root, form: "f=json&token=\(token)")
            #expect(form.body == query.body)
            let esri = try await server.get(Self.root + "?f=json", headers: [("X-Esri-Authorization", "Bearer \(token)")])
            #expect(esri.body == query.body)
            let bearer = try await server.get(Self.root + "?f=json", headers: [("Authorization", "Bearer \(token)")])
            #expect(bearer.body == query.body)
            let image = try await server.get(Self.root + "/exportImage?\(TestCatalog.exportQuery)&f=image", headers: [("Authorization", "bearer \(token)")])
            #expect(image.header("Content-Type")?.hasPrefix("image/") == true)
        }
    }

    @Test func generateTokenAnswersTokenExpiresAndSSL() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let before = TokenAuthority.systemMilliseconds()
            let answer = try await server.post("/arcgis/tokens/generateToken", form: "username=alice&password=wonder+land%26%3D&expiration=600&f=json")
            guard case .object(let object) = answer.json, case .string(let token)? = object["token"],
                case .number(let expires)? = object["expires"]
            else {
                Issue.record("bad answer \(answer.text)")
                return
            }
            #expect(object.keys == ["token", "expires", "ssl"])
            #expect(object["ssl"] == false)
            #expect(token.count == 64)
            #expect(token.allSatisfy { $0.isHexDigit })
            // 600 minutes asked, capped at the configured 30.
            #expect(Int64(expires) >= before + 30 * 60_000)
            #expect(Int64(expires) <= TokenAuthority.systemMilliseconds() + 30 * 60_000)
            let second = try await Self.token(server)
            #expect(second != token)
            // ArcGIS's token service root answers too.
            let root = try await server.post("/arcgis/tokens/", form: "username=alice&password=wonder+land%26%3D&f=pjson")
            #expect(root.text.hasPrefix("{\n  \"token\": \""))
        }
    }

    @Test func generateTokenRefusesBadCredentialsAndGET() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let wrong = try await server.post("/arcgis/tokens/generateToken", form: "username=alice&password=nope&f=json")
            #expect(wrong.status == 200)
            #expect(wrong.text == #"{"error":{"code":400,"message":"Unable to generate token.","details":["Invalid username or password."]}}"#)
            let unknown = try await server.post("/arcgis/tokens/generateToken", form: "username=bob&password=wonder+land%26%3D&f=json")
            #expect(envelope(unknown.json)?.details == ["Invalid username or password."])
            let missing = try await server.post("/arcgis/tokens/generateToken", form: "f=json")
            #expect(envelope(missing.json)?.message == "Unable to generate token.")
            let get = try await server.get("/arcgis/tokens/generateToken?username=alice&password=x&f=json")
            #expect(envelope(get.json)?.message == "Unable to generate token.")
        }
    }

    @Test func infoNamesTheTokenService() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let answer = try await server.get("/arcgis/rest/info?f=json")
            #expect(
                answer.json[member: "authInfo"]
                    == ["isTokenBasedSecurity": true, "tokenServicesUrl": .string(server.server.generateTokenURL)])
        }
    }

    @Test func outputFilesNeedTheToken() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            let token = try await Self.token(server)
            let answer = try await server.get(Self.root + "/exportImage?\(TestCatalog.exportQuery)&f=json&token=\(token)")
            guard case .string(let href)? = answer.json[member: "href"] else {
                Issue.record("no href: \(answer.text)")
                return
            }
            let path = String(href.dropFirst(server.server.baseURL.count))
            let withoutToken = try await server.get(path)
            #expect(envelope(withoutToken.json)?.code == 499)
            let fetched = try await server.get(path + "?token=\(token)")
            #expect(fetched.header("Content-Type")?.hasPrefix("image/") == true)
        }
    }

    @Test func tokensAndPasswordsNeverReachTheLog() async throws {
        try await TestServer.run(tokens: Self.configuration) { server in
            _ = try await server.get("/arcgis/rest/services/x/ImageServer?f=json&password=wonder")
            let token = try await Self.token(server)
            _ = try await server.get(Self.root + "?f=json&token=\(token)")
            _ = try await server.get(Self.root + "?f=json&TOKEN=\(token)&x=1")
            _ = try await server.get(Self.root + "?f=json", headers: [("Authorization", "Bearer \(token)")])
            let lines = server.lines.all
            #expect(lines.count == 5)
            #expect(lines.allSatisfy { !$0.contains(token) && !$0.contains("wonder") })
            #expect(lines.contains { $0.hasPrefix("GET /arcgis/rest/services/x/ImageServer?f=json&password=REDACTED 200 ") })
            #expect(lines.contains { $0.hasPrefix("GET /arcgis/rest/services/\(TestCatalog.service)/ImageServer?f=json&token=REDACTED 200 ") })
            #expect(lines.contains { $0.hasPrefix("GET /arcgis/rest/services/\(TestCatalog.service)/ImageServer?f=json&TOKEN=REDACTED&x=1 200 ") })
        }
    }

    @Test func openServerRefusesToIssueTokens() async throws {
        try await TestServer.run { server in
            let answer = try await server.post("/arcgis/tokens/generateToken", form: "username=a&password=b")
            #expect(envelope(answer.json)?.message == "Unable to generate token.")
        }
    }
}
