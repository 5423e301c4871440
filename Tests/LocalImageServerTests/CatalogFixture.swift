import Foundation
import LayerOptions
@testable import LocalImageServer

/// The built-in catalog (`examples/catalog`), loaded once for every test.
enum CatalogFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/catalog").standardizedFileURL.path

    static let catalog: Result<ImageServiceCatalog, any Error> = Result { try ImageServiceCatalog(directory: directory) }

    /// The service, or a thrown error explaining why the catalog did not load.
    static func service(_ name: String) throws -> LocalImageService {
        let catalog = try catalog.get()
        guard let service = catalog.service(named: name) else { throw FixtureError("no service \(name)") }
        return service
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Parameters from `name=value` pairs.
func parameters(_ pairs: KeyValuePairs<String, String>) -> ServiceParameters {
    ServiceParameters(pairs.map { (name: $0.key, value: $0.value) })
}

extension JSONValue {
    /// The member `key` of an object (named `member:` so as not to clash with the HTTP tests' helper).
    subscript(member key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
    /// The element `index` of an array.
    subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}
