import Foundation
import Testing
import LayerOptions
import RequestPlanning

/// Replays map specs whose requests were recorded from the real Esri Leaflet 3.0.19 (on
/// Leaflet 1.9.4, in headless Chromium) and requires the same requests: the same methods,
/// URLs, parameter names, order and bytes — except bbox, whose numbers may differ by 1e-9
/// relative and which we write xmin,ymin,xmax,ymax where Esri Leaflet writes xmin,ymax,xmax,ymin;
/// and `format=jpegpng`, which Esri Leaflet passes on verbatim (no server knows it) and we
/// send as the `jpgpng` it stands for.
@Suite struct EsriLeafletGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let spec: JSONValue
        let esriLeaflet: JSONValue
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "esri-leaflet-3.0.19-requests", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              case .object(let root)? = try? JSONParser.parse(Array(data)),
              case .array(let cases)? = root["cases"]
        else { return [] }
        return cases.compactMap { value in
            guard case .object(let object) = value, case .string(let name)? = object["name"],
                  let spec = object["spec"], let expected = object["esriLeaflet"] else { return nil }
            return Case(name: name, spec: spec, esriLeaflet: expected)
        }
    }()

    @Test func theFixtureHoldsEveryRecordedCase() {
        #expect(Self.cases.count == 224)
    }

    @Test(arguments: cases)
    func plansTheRequestsEsriLeafletSends(_ recorded: Case) throws {
        let plan = MapRequestPlan(spec: try MapSpec(json: recorded.spec))
        let differences = Self.differences(expected: recorded.esriLeaflet, actual: plan.json, path: "")
        #expect(differences.isEmpty, "\(differences.prefix(3).joined(separator: "\n"))")
    }

    /// Where `actual` differs from `expected`, as readable lines.
    static func differences(expected: JSONValue, actual: JSONValue, path: String) -> [String] {
        switch (expected, actual) {
        case let (.string(expectedURL), .string(actualURL)):
            return requestDifferences(expected: expectedURL, actual: actualURL, path: path)
        case let (.object(expectedObject), .object(actualObject)) where expectedObject.keys == actualObject.keys:
            return expectedObject.members.flatMap { member in
                differences(expected: member.value, actual: actualObject[member.key] ?? .null, path: path + "." + member.key)
            }
        case let (.array(expectedElements), .array(actualElements)) where expectedElements.count == actualElements.count:
            return zip(expectedElements, actualElements).enumerated().flatMap { index, pair in
                differences(expected: pair.0, actual: pair.1, path: path + "[\(index)]")
            }
        default:
            return expected == actual ? [] : ["\(path): expected \(expected.stringified), got \(actual.stringified)"]
        }
    }

    /// Compares two URLs or form bodies parameter by parameter. The query starts after the
    /// last `?` (a proxy prefix has raw `?`s; an encoded query never does).
    static func requestDifferences(expected: String, actual: String, path: String) -> [String] {
        func split(_ text: String) -> (prefix: Substring, query: Substring) {
            guard let mark = text.lastIndex(of: "?") else { return ("", text[...]) }
            return (text[...mark], text[text.index(after: mark)...])
        }
        let (expectedPrefix, expectedQuery) = split(expected)
        let (actualPrefix, actualQuery) = split(actual)
        guard expectedPrefix == actualPrefix else { return ["\(path): expected \(expected), got \(actual)"] }
        let expectedPairs = expectedQuery.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        let actualPairs = actualQuery.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard expectedPairs.map(\.first) == actualPairs.map(\.first) else {
            return ["\(path): parameters \(expectedPairs.compactMap(\.first)) expected, got \(actualPairs.compactMap(\.first))"]
        }
        return zip(expectedPairs, actualPairs).compactMap { pair in
            let (expectedPair, actualPair) = pair
            if expectedPair.first == "bbox", let expectedBox = bbox(expectedPair.last), let actualBox = bbox(actualPair.last) {
                let esriOrder = [expectedBox[0], expectedBox[3], expectedBox[2], expectedBox[1]]
                let close = zip(esriOrder, actualBox).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) }
                return close ? nil : "\(path): bbox expected \(expectedBox) (Esri Leaflet's order), got \(actualBox)"
            }
            if expectedPair == ["format", "jpegpng"] {
                return actualPair == ["format", "jpgpng"] ? nil : "\(path): format expected jpgpng for jpegpng, got \(actualPair.last ?? "")"
            }
            return expectedPair == actualPair ? nil : "\(path): \(expectedPair.first ?? "") expected \(expectedPair.last ?? ""), got \(actualPair.last ?? "")"
        }
    }

    static func bbox(_ text: String?) -> [Double]? {
        let numbers = text?.replacingOccurrences(of: "%2C", with: ",").split(separator: ",").compactMap { Double($0) }
        return numbers?.count == 4 ? numbers : nil
    }
}
