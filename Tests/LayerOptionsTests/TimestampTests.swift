import Foundation
import Testing
@testable import LayerOptions

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2014-01-09T00:00:00-08:00", 1_389_254_400_000.0),
        ("2014-01-12T08:00:00Z", 1_389_513_600_000.0),
        ("2014-01-09", 1_389_225_600_000.0),
        ("2014-01", 1_388_534_400_000.0),
        ("1970", 0.0),
        ("2000-02-29T12:30:15.5Z", 951_827_415_500.0),
        ("2014-01-09T08:00", 1_389_254_400_000.0),
        ("1969-12-31T23:59:59.999Z", -1.0),
    ])
    func readsISO8601AsJavaScriptDoesInUTC(text: String, milliseconds: Double) {
        #expect(Timestamp.epochMilliseconds(iso8601: text) == milliseconds)
    }

    @Test(arguments: ["January 9 2014", "2014-13-01", "2014-02-30", "2013-02-29", "2014-01-09T25:00Z", "2014-01-09T08:00:00+0800", "14-01-09", ""])
    func refusesWhatIsNotISO8601(text: String) {
        #expect(Timestamp.epochMilliseconds(iso8601: text) == nil)
    }

    @Test func millisecondsSurviveTheTripThroughDate() throws {
        let date = try Timestamp.date(from: .number(1_389_254_400_123), path: "from")
        #expect(Timestamp.epochMilliseconds(date) == 1_389_254_400_123)
    }
}
