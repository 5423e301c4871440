import Foundation
import LayerOptions
import Testing

@testable import LocalImageServer

/// Token issue, expiry and the token file, without HTTP.
@Suite struct HTTPTokenAuthorityTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int64 = 1_700_000_000_000
        var now: Int64 { lock.withLock { value } }
        func advance(minutes: Int64) { lock.withLock { value += minutes * 60_000 } }
    }

    @Test func tokensExpireAtTheirMinute() async {
        let clock = Clock()
        let authority = TokenAuthority(
            configuration: TokenConfiguration(users: [.init(username: "u", password: "p")], tokenMinutes: 60),
            now: { clock.now })
        let short = await authority.generate(username: "u", password: "p", minutes: 5)
        let long = await authority.generate(username: "u", password: "p", minutes: nil)
        let capped = await authority.generate(username: "u", password: "p", minutes: 1000)
        #expect(short?.expires == clock.now + 5 * 60_000)
        #expect(long?.expires == clock.now + 60 * 60_000)
        #expect(capped?.expires == clock.now + 60 * 60_000)
        #expect(await authority.check(short!.token) == .valid)
        clock.advance(minutes: 5)
        #expect(await authority.check(short!.token) == .invalid)
        #expect(await authority.check(long!.token) == .valid)
        clock.advance(minutes: 55)
        #expect(await authority.check(long!.token) == .invalid)
        #expect(await authority.check("") == .invalid)
    }

    @Test func wrongCredentialsGetNoToken() async {
        let authority = TokenAuthority(configuration: TokenConfiguration(users: [.init(username: "u", password: "p")]))
        #expect(await authority.generate(username: "u", password: "P", minutes: nil) == nil)
        #expect(await authority.generate(username: "u", password: "pp", minutes: nil) == nil)
        #expect(await authority.generate(username: "x", password: "p", minutes: nil) == nil)
        #expect(await authority.generate(username: "u", password: "", minutes: nil) == nil)
    }

    @Test func randomTokensAre64HexDigits() {
        let tokens = (0..<100).map { _ in TokenAuthority.randomToken() }
        #expect(Set(tokens).count == 100)
        #expect(tokens.allSatisfy { $0.count == 64 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }

    @Test func tokenFileIsReadAndCheckedWithItsPath() throws {
        let path = NSTemporaryDirectory() + "imagemap-tokens-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"users":[{"username":"alice","password":"pw"},{"username":"bob","password":"pw2"}],"tokenMinutes":15}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let configuration = try TokenConfiguration(contentsOfFile: path)
        #expect(configuration == TokenConfiguration(users: [.init(username: "alice", password: "pw"), .init(username: "bob", password: "pw2")], tokenMinutes: 15))

        #expect(throws: TokenConfigurationError(path: "/no/such/file", problem: "cannot be read (does it exist?)")) {
            try TokenConfiguration(contentsOfFile: "/no/such/file")
        }
        let cases: [(String, String)] = [
            ("[]", "the top level must be an object, found an array"),
            ("{}", "\"users\" must be an array of {\"username\": ..., \"password\": ...}"),
            (#"{"users":[]}"#, "\"users\" is empty; name at least one user"),
            (#"{"users":[{"username":"a"}]}"#, "users[0] must have a non-empty string \"username\" and \"password\""),
            (#"{"users":[{"username":"a","password":"b"},{"username":"a","password":"c"}]}"#, "users[1]: the username \"a\" is repeated"),
            (#"{"users":[{"username":"a","password":"b"}],"tokenMinutes":0.5}"#, "\"tokenMinutes\" must be a whole number of minutes from 1 to 525600, found 0.5"),
        ]
        for (text, problem) in cases {
            #expect(throws: TokenConfigurationError(path: nil, problem: problem)) { try TokenConfiguration(json: JSONParser.parse(text)) }
        }
        #expect(TokenConfigurationError(path: "t.json", problem: "x").description == "token file t.json: x")
    }
}
