import Foundation

@testable import LocalImageServer

/// The catalog the HTTP tests serve: the built-in catalog's generated services (`Scene`,
/// `Elevation`), copied to a temporary folder so that the tests need no Marble data.
enum TestCatalog {
    /// The services' names, in the catalog's order.
    static let names = ["Elevation", "Scene"]
    /// The service the tests export from: 4 bands of U8 over 10°–10.4°E, 45°–45.3°N.
    static let service = "Scene"

    /// exportImage parameters (without `f`) that the test service renders as a PNG.
    static let exportQuery = "bbox=10,45,10.4,45.3&bboxSR=4326&imageSR=4326&size=64,32&format=png&bandIds=0,1,2"
    /// identify parameters (without `f`) inside the test service's extent.
    static let identifyQuery = "geometry=10.2,45.1&geometryType=esriGeometryPoint&sr=4326"
    /// query parameters (without `f`) that match every catalog item.
    static let queryQuery = "where=1=1&outFields=*"

    private static let loaded: Result<ImageServiceCatalog, any Error> = Result {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/catalog").standardizedFileURL
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-http-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in names {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent("\(name).json"), to: folder.appendingPathComponent("\(name).json"))
        }
        return try ImageServiceCatalog(directory: folder.path)
    }

    /// The catalog, loaded once per test process.
    static func make() throws -> ImageServiceCatalog { try loaded.get() }
}
