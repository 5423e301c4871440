import Testing
import LayerOptions

@Suite struct JavaScriptNumberTests {
    /// Expected texts are what V8's `String(n)` prints for the same doubles.
    @Test(arguments: [
        (100.0, "100"), (0.1 + 0.2, "0.30000000000000004"), (1e-7, "1e-7"), (1e21, "1e+21"),
        (123456789012345680000.0, "123456789012345680000"), (-0.0, "0"), (1.5e-6, "0.0000015"),
        (Double.leastNonzeroMagnitude, "5e-324"), (9007199254740994.0, "9007199254740994"), (3e-6, "0.000003"),
        (-13640608.101145273, "-13640608.101145273"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.000001, "0.000001"), (1.2e-7, "1.2e-7"), (-2.5e22, "-2.5e+22"), (3857, "3857"), (0.5, "0.5"),
    ])
    func formatsAsJavaScript(value: Double, expected: String) {
        #expect(JavaScriptNumber.string(value) == expected)
    }

    @Test func formatsNonFiniteValuesAsJavaScript() {
        #expect(JavaScriptNumber.string(.nan) == "NaN")
        #expect(JavaScriptNumber.string(-.infinity) == "-Infinity")
    }
}
