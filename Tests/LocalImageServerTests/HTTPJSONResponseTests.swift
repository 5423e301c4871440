import LayerOptions
import Testing

@testable import LocalImageServer

/// pjson's layout.
@Suite struct HTTPJSONResponseTests {
    @Test func prettyPrintingIsTwoSpacesAndKeepsOrder() {
        let value: JSONValue = ["b": 1, "a": ["x", 2.5, [:], []], "c": ["d": nil, "e": "q\"uote"]]
        #expect(
            JSONResponse.prettyPrinted(value) == """
                {
                  "b": 1,
                  "a": [
                    "x",
                    2.5,
                    {},
                    []
                  ],
                  "c": {
                    "d": null,
                    "e": "q\\"uote"
                  }
                }
                """)
        #expect(JSONResponse.prettyPrinted(3) == "3")
    }
}
