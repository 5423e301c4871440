import Testing
@testable import LayerOptions

@Suite struct JSONParserTests {
    @Test func keepsMemberOrderAndStringifiesCompactly() throws {
        let value = try JSONParser.parse(#" { "rasterFunction" : "Stretch", "rasterFunctionArguments": {"StretchType": 5, "Min": 0.0}, "variableName":"Raster" } "#)
        #expect(value.stringified == #"{"rasterFunction":"Stretch","rasterFunctionArguments":{"StretchType":5,"Min":0},"variableName":"Raster"}"#)
    }

    @Test func putsArrayIndexKeysFirstAsJavaScriptObjectsDo() throws {
        let value = try JSONParser.parse(#"{"b":1,"2":"x","a":3,"1":"y","-1":"neg","01":"lead","4294967295":"big"}"#)
        #expect(value.stringified == #"{"1":"y","2":"x","b":1,"a":3,"-1":"neg","01":"lead","4294967295":"big"}"#)
    }

    @Test func duplicateKeysKeepTheFirstPlaceAndTheLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#).stringified == #"{"a":3,"b":2}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#)
        #expect(value == .array([.string("\"\\/\u{08}\u{0C}\n\r\té😀")]))
    }

    @Test func stringifiesControlCharactersAndKeepsUnicode() {
        let value: JSONValue = .string("a\u{1F}b\"c\\é'")
        #expect(value.stringified == #""a\u001fb\"c\\é'""#)
    }

    @Test(arguments: [
        ("", 1, 1, "the text ends where a value was expected"),
        ("{\"a\":1,}", 1, 8, "expected a member name in double quotes"),
        ("[1 2]", 1, 4, "expected ',' or ']' in an array"),
        ("01", 1, 2, "unexpected text after the JSON value"),
        ("1.", 1, 3, "expected a digit after the decimal point"),
        ("-", 1, 2, "expected a digit in a number"),
        ("{\n  \"a\": tru }", 2, 8, "expected true"),
        ("\"abc", 1, 5, "the text ends inside a string"),
        ("\"a\tb\"", 1, 3, "a control character must be escaped inside a string"),
        ("\"\\x\"", 1, 3, "invalid escape sequence"),
        ("{'a': 1}", 1, 2, "expected a member name in double quotes"),
    ])
    func refusesMalformedTextWithItsPosition(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(line: line, column: column, message: message)) { try JSONParser.parse(text) }
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(allowed) }
    }
}
