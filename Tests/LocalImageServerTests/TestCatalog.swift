@testable import LocalImageServer

/// The catalog the HTTP tests serve.
enum TestCatalog {
    /// The services' names, in the catalog's order.
    static let names = ["Stub"]
    /// A service that exists.
    static let service = "Stub"

    static func make() throws -> ImageServiceCatalog {
        ImageServiceCatalog(services: [LocalImageService(name: "Stub")])
    }
}

extension TestCatalog {
    /// exportImage parameters (without `f`) that the test service renders.
    static let exportQuery = "bbox=-180,-90,180,90&bboxSR=4326&imageSR=4326&size=64,32&format=png"
    /// identify parameters (without `f`) inside the test service's extent.
    static let identifyQuery = "geometry=10,10&geometryType=esriGeometryPoint&sr=4326"
    /// query parameters (without `f`) that match every catalog item.
    static let queryQuery = "where=1=1&outFields=*"
}
