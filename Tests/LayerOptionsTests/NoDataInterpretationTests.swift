import Testing
import LayerOptions

@Suite struct NoDataInterpretationTests {
    @Test func rawValuesAreArcGISConstants() {
        #expect(NoDataInterpretation(rawValue: "esriNoDataMatchAll") == .matchAll)
        #expect(NoDataInterpretation.matchAny.rawValue == "esriNoDataMatchAny")
        #expect(NoDataInterpretation(rawValue: "matchAll") == nil)
    }
}
