import Foundation
import Synchronization

/// The services of a catalog folder: one JSON file per service (`*.json`, see
/// `examples/catalog/README.md`), whose rasters are read once, here, and kept in memory in
/// the form exports read fastest.
public final class ImageServiceCatalog: Sendable {
    /// The services, sorted by name.
    public let services: [LocalImageService]

    /// Loads every `*.json` file of `directory`, rasters included. Files are loaded in
    /// parallel.
    /// - Throws: ``CatalogError`` naming the file and what to fix: unreadable JSON, a
    ///   schema error, a missing raster file (with the package that provides it), two
    ///   services with the same name.
    public init(directory: String) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw CatalogError(path: directory, reason: "cannot list the catalog folder: \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted().map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
        guard !files.isEmpty else { throw CatalogError(path: directory, reason: "the folder holds no service file (*.json)") }
        let results = Mutex([Result<LocalImageService, CatalogError>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result: Result<LocalImageService, CatalogError>
            do throws(CatalogError) { result = .success(try LocalImageService.load(path: files[index])) } catch { result = .failure(error) }
            results.withLock { $0[index] = result }
        }
        var services: [LocalImageService] = []
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let service)?: services.append(service)
            case .failure(let error)?: throw error
            case nil: throw CatalogError(path: directory, reason: "a service file was not loaded")
            }
        }
        services.sort { $0.name < $1.name }
        for (first, second) in zip(services, services.dropFirst()) where first.name.lowercased() == second.name.lowercased() {
            throw CatalogError(path: second.definition.path, reason: "service name '\(second.name)' is also used by \(first.definition.path)")
        }
        self.services = services
    }

    /// A catalog of services already loaded (tests build small ones), sorted by name.
    init(services: [LocalImageService]) {
        self.services = services.sorted { $0.name < $1.name }
    }

    /// The service called `name`, matched case-insensitively, or `nil`.
    public func service(named name: String) -> LocalImageService? {
        let lowered = name.lowercased()
        return services.first { $0.name.lowercased() == lowered }
    }
}
