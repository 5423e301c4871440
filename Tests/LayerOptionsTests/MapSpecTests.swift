import Testing
import LayerOptions

@Suite struct MapSpecTests {
    static let layer = #"{"url": "http://host/arcgis/rest/services/A/ImageServer"}"#

    @Test func readsACenterAndZoomSpec() throws {
        let spec = try MapSpec.parse("""
            {"size": [500, 400], "center": [37.75, -122.45], "zoom": 12.5,
             "layers": [\(Self.layer), {"url": "http://host/B/ImageServer", "opacity": 0.5, "pane": "custom"}],
             "panes": {"custom": 450, "low": 100}, "clicks": [[37.75, -122.45]]}
            """)
        #expect(spec.width == 500 && spec.height == 400)
        #expect(spec.viewport == .center(LatLng(latitude: 37.75, longitude: -122.45), zoom: 12.5))
        #expect(spec.layers.count == 2 && spec.layers[1].opacity == 0.5 && spec.layers[1].pane == "custom")
        #expect(spec.panes == [MapPane(name: "custom", zIndex: 450), MapPane(name: "low", zIndex: 100)])
        #expect(spec.clicks == [LatLng(latitude: 37.75, longitude: -122.45)])
    }

    @Test func readsABoundingBoxSpecIncludingOneAcrossTheAntimeridian() throws {
        let spec = try MapSpec.parse(#"{"size": [256, 256], "bbox": [170, -10, -170, 10], "layers": [\#(Self.layer)]}"#)
        #expect(spec.viewport == .bounds(west: 170, south: -10, east: -170, north: 10))
    }

    @Test(arguments: [
        (#"{"size": [500, 500], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}, {"url": "http://h/ImageServer", "opacity": 2}]}"#,
         "map spec: layers[1].opacity: 2 is not allowed; expected a number from 0 to 1"),
        (#"{"size": [500, 500], "center": [0, 0], "zoom": 1, "zoomz": 2, "layers": []}"#,
         "map spec: zoomz: an unknown key is not allowed; expected one of size, center, zoom, bbox, layers, panes, clicks"),
        (#"{"size": [0, 500], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: size[0]: 0 is not allowed; expected a whole number of pixels from 1 to 10000"),
        (#"{"size": [500.5, 500], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: size[0]: 500.5 is not allowed; expected a whole number of pixels from 1 to 10000"),
        (#"{"size": [500], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: size: [500] is not allowed; expected [width, height], whole numbers from 1 to 10000"),
        (#"{"center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: size: nothing is not allowed; a map spec needs \"size\": [width, height] in CSS pixels"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 31, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: zoom: 31 is not allowed; expected a zoom level from 0 to 30 (fractions allowed)"),
        (#"{"size": [5, 5], "center": [0, 0], "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: zoom: nothing is not allowed; a map spec needs \"center\": [lat, lng] with \"zoom\", or \"bbox\": [west, south, east, north]"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "bbox": [0, 0, 1, 1], "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: bbox: bbox together with center or zoom is not allowed; give either \"center\" and \"zoom\", or \"bbox\" alone"),
        (#"{"size": [5, 5], "bbox": [0, 10, 1, 1], "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: bbox: [0,10,1,1] is not allowed; south (bbox[1]) must be below north (bbox[3])"),
        (#"{"size": [5, 5], "bbox": [0, 0, 1, 91], "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: bbox[3]: 91 is not allowed; expected a latitude from -90 to 90"),
        (#"{"size": [5, 5], "center": [95, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}]}"#,
         "map spec: center[0]: 95 is not allowed; expected a latitude from -90 to 90"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "layers": {"url": "http://h/ImageServer"}}"#,
         "map spec: layers: {\"url\":\"http://h/ImageServer\"} is not allowed; expected an array of at least one layer object"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}], "panes": {"tilePane": 1}}"#,
         "map spec: panes.tilePane: a redefinition of Leaflet's tilePane (z-index 200) is not allowed; give your pane another name"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}], "panes": {"p": "450"}}"#,
         "map spec: panes.p: \"450\" is not allowed; expected an integer z-index, e.g. 450"),
        (#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "layers": [{"url": "http://h/ImageServer"}], "clicks": [[1, "2"]]}"#,
         "map spec: clicks[0][1]: \"2\" is not allowed; expected [lat, lng] in degrees"),
        (#"[1, 2]"#, "map spec: (spec): [1,2] is not allowed; expected an object with size, center and zoom (or bbox), and layers"),
        (#"{"size": [5, 5],"#, "map spec: invalid JSON at line 1, column 17: expected a member name in double quotes"),
    ])
    func refusesBadSpecsWithTheJSONPath(text: String, message: String) {
        #expect {
            try MapSpec.parse(text)
        } throws: { error in
            (error as? MapSpecError)?.description == message
        }
    }
}

@Suite struct MapSpecLayerPathTests {
    @Test func aLayerThatIsNotAnObjectIsNamedByItsIndex() {
        #expect {
            try MapSpec.parse(#"{"size": [5, 5], "center": [0, 0], "zoom": 1, "layers": ["http://h/ImageServer"]}"#)
        } throws: { error in
            (error as? MapSpecError)?.description
                == "map spec: layers[0]: \"http://h/ImageServer\" is not allowed; expected a layer object such as {\"url\": \"https://host/arcgis/rest/services/Name/ImageServer\"}"
        }
    }
}
