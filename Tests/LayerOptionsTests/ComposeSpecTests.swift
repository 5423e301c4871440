import Testing
import LayerOptions

@Suite struct ComposeSpecTests {
    @Test func readsTheIssueExample() throws {
        let spec = try ComposeSpec.parse("""
            { "size": [2048, 1024],
              "layers": [ { "file": "a.jpg" },
                          { "file": "b.png", "opacity": 0.6, "origin": [-5, 7] },
                          { "file": "c.png", "opacity": 0.5, "noData": [0, 0, 0], "noDataInterpretation": "esriNoDataMatchAll" } ],
              "format": "png", "quality": 85 }
            """)
        #expect(spec.width == 2048 && spec.height == 1024)
        #expect(spec.layers == [
            ComposeSpec.Layer(file: "a.jpg"),
            ComposeSpec.Layer(file: "b.png", originX: -5, originY: 7, opacity: 0.6),
            ComposeSpec.Layer(file: "c.png", opacity: 0.5, noData: .text("0,0,0"), noDataInterpretation: .matchAll),
        ])
        #expect(spec.format == .png && spec.quality == 85 && spec.pngCompression == .fast)
    }

    @Test func defaultsAndTheOtherFormats() throws {
        let minimal = try ComposeSpec.parse(#"{"size": [1, 1], "layers": [{"file": "/abs/a.png"}]}"#)
        #expect(minimal == ComposeSpec(width: 1, height: 1, layers: [ComposeSpec.Layer(file: "/abs/a.png")]))
        let jpeg = try ComposeSpec.parse(#"{"size": [8, 8], "layers": [{"file": "a"}], "format": "jpg", "quality": 1, "png": "smallest"}"#)
        #expect(jpeg.format == .jpg && jpeg.quality == 1 && jpeg.pngCompression == .smallest)
    }

    /// noData is read exactly as a map spec's layer option: the same values and the same errors.
    @Test(arguments: [#"0"#, #"-9999"#, #""58,128,187""#, #""0""#, #"[0, 0, 0]"#, #"[58]"#])
    func readsNoDataAsTheLayerOptionDoes(_ json: String) throws {
        let spec = try ComposeSpec.parse(#"{"size": [4, 4], "layers": [{"file": "a.png", "noData": \#(json)}]}"#)
        let map = try MapSpec.parse(#"{"size": [4, 4], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer", "noData": \#(json)}]}"#)
        #expect(spec.layers[0].noData == map.layers[0].noData)
        #expect(spec.layers[0].noData != nil)
    }

    @Test(arguments: [
        (#"{"size": [4, 4], "layers": [{"file": "a"}, {"file": "b", "opacity": 1.5}]}"#,
         "compose spec: layers[1].opacity: 1.5 is not allowed; expected a number from 0 to 1"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}, {"file": "b", "opacity": "0.5"}]}"#,
         "compose spec: layers[1].opacity: \"0.5\" is not allowed; expected a number from 0 to 1"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}, {"file": "b"}, {"file": "c", "noData": [0, "x", 0]}]}"#,
         "compose spec: layers[2].noData[1]: \"x\" is not allowed; expected a number, a string such as \"58,128,187\", or an array with one number per band"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}, {"file": "b"}, {"file": "c", "noData": "0,,0"}]}"#,
         "compose spec: layers[2].noData: \"0,,0\" is not allowed; expected a number or comma-separated numbers, one per band, e.g. \"58,128,187\""),
        (#"{"size": [4, 4], "layers": [{"file": "a", "noData": []}]}"#,
         "compose spec: layers[0].noData: [] is not allowed; give one value, or one value per band, e.g. [0, 0, 0]"),
        (#"{"size": [4, 4], "layers": [{"file": "a", "noData": true}]}"#,
         "compose spec: layers[0].noData: true is not allowed; expected a number, a string such as \"58,128,187\", or an array with one number per band"),
        (#"{"size": [4, 4], "layers": [{"file": "a", "noDataInterpretation": "any"}]}"#,
         "compose spec: layers[0].noDataInterpretation: \"any\" is not allowed; expected one of esriNoDataMatchAny, esriNoDataMatchAll"),
        (#"{"size": [4, 4], "layers": [{"file": "a", "url": "http://h/ImageServer"}]}"#,
         "compose spec: layers[0].url: an unknown key is not allowed; expected one of file, origin, opacity, noData, noDataInterpretation"),
        (#"{"size": [4, 4], "layers": [{"opacity": 1}]}"#,
         "compose spec: layers[0].file: nothing is not allowed; every layer needs the image file to draw, e.g. \"file\": \"a.png\""),
        (#"{"size": [4, 4], "layers": [{"file": ""}]}"#,
         "compose spec: layers[0].file: \"\" is not allowed; expected the image file's path as a non-empty string"),
        (#"{"size": [4, 4], "layers": ["a.png"]}"#,
         "compose spec: layers[0]: \"a.png\" is not allowed; expected a layer object such as {\"file\": \"a.png\", \"opacity\": 0.5}"),
        (#"{"size": [4, 4], "layers": [{"file": "a", "origin": [1.5, 0]}]}"#,
         "compose spec: layers[0].origin[0]: 1.5 is not allowed; expected [x, y], the canvas pixel of the image's top-left corner, whole numbers (may be negative)"),
        (#"{"size": [4, 4], "layers": [{"file": "a", "origin": [0]}]}"#,
         "compose spec: layers[0].origin: [0] is not allowed; expected [x, y], the canvas pixel of the image's top-left corner, whole numbers (may be negative)"),
        (#"{"size": [4, 4], "layers": []}"#,
         "compose spec: layers: [] is not allowed; expected an array of at least one layer object such as {\"file\": \"a.png\"}, bottom first"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}], "format": "gif"}"#,
         "compose spec: format: \"gif\" is not allowed; expected one of png, jpg"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}], "quality": 101}"#,
         "compose spec: quality: 101 is not allowed; expected an integer JPEG quality from 1 to 100"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}], "quality": 85.5}"#,
         "compose spec: quality: 85.5 is not allowed; expected an integer JPEG quality from 1 to 100"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}], "png": "best"}"#,
         "compose spec: png: \"best\" is not allowed; expected one of fast, smallest"),
        (#"{"size": [4, 4], "layers": [{"file": "a"}], "zoom": 3}"#,
         "compose spec: zoom: an unknown key is not allowed; expected one of size, layers, format, quality, png"),
        (#"{"size": [0, 4], "layers": [{"file": "a"}]}"#,
         "compose spec: size[0]: 0 is not allowed; expected a whole number of pixels from 1 to 10000"),
        (#"{"layers": [{"file": "a"}]}"#,
         "compose spec: size: nothing is not allowed; a compose spec needs \"size\": [width, height], the canvas in pixels"),
        (#"[]"#, "compose spec: (spec): [] is not allowed; expected an object with size and layers"),
        (#"{"size": [4, 4],"#, "compose spec: invalid JSON at line 1, column 17: expected a member name in double quotes"),
    ])
    func refusesWithTheJSONPath(_ json: String, _ message: String) {
        #expect(throws: (any Error).self) { try ComposeSpec.parse(json) }
        do {
            _ = try ComposeSpec.parse(json)
        } catch {
            #expect(error.description == message)
        }
    }
}
