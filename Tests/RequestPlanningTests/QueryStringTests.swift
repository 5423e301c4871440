import Testing
import LayerOptions
@testable import RequestPlanning

/// Esri Leaflet's `spec/RequestSpec.js` serialization assertions, and Leaflet's getParamString.
@Suite struct QueryStringTests {
    @Test func serializesAsEsriLeaflet() {
        #expect(QueryString.esriSerialize(["object": [["foo": "bar"]]]) == "object=%5B%7B%22foo%22%3A%22bar%22%7D%5D")
        #expect(QueryString.esriSerialize(["array": ["foo", "bar"]]) == "array=foo%2Cbar")
        #expect(QueryString.esriSerialize(["object": ["foo": "bar"]]) == "object=%7B%22foo%22%3A%22bar%22%7D")
        #expect(QueryString.esriSerialize(["id": "'id123'"]) == "id=%27id123%27")
        #expect(QueryString.esriSerialize(["flag": false, "n": 100, "empty": "", "nested": [1, [2, 3], nil]]) == "flag=false&n=100&empty=&nested=1%2C2%2C3%2C")
    }

    @Test func leafletsParamStringKeepsApostrophesAndPrintsObjectsAsJavaScript() {
        #expect(QueryString.leafletParamString(["q": "O'Brien's", "o": ["a": 1], "list": [1, 2], "space": "a b"])
            == "?q=O'Brien's&o=%5Bobject%20Object%5D&list=1%2C2&space=a%20b")
    }

    @Test func encodesAsEncodeURIComponent() {
        #expect(URIComponent.encode("A-z_0.9!~*'() ,/?:@&=+$#\"{}[]é") == "A-z_0.9!~*'()%20%2C%2F%3F%3A%40%26%3D%2B%24%23%22%7B%7D%5B%5D%C3%A9")
    }
}
