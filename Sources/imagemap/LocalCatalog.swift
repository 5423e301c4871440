import Foundation
import LocalImageServer

/// The built-in catalog and examples, and the in-process local Image Service that specs
/// reach through `{local}`.
enum LocalCatalog {
    /// The placeholder a spec or URL writes for the in-process local Image Service's
    /// services URL, e.g. `{local}/WorldImagery/ImageServer`.
    static let placeholder = "{local}"

    /// The repository's `examples/` folder: under the current directory, else beside the
    /// sources this binary was built from.
    static var examplesFolder: String {
        let here = URL(fileURLWithPath: "examples").standardizedFileURL.path
        if FileManager.default.fileExists(atPath: here + "/catalog") { return here }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples").standardizedFileURL.path
    }

    /// The catalog folder at `path` (default: the built-in one), loaded; failures are bad input.
    static func load(_ path: String?) throws -> ImageServiceCatalog {
        let folder = path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? examplesFolder + "/catalog"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BadInput("no catalog folder at \(folder). Run from the repository's root, or name one with --catalog DIR.")
        }
        do {
            return try ImageServiceCatalog(directory: folder)
        } catch {
            throw BadInput("catalog \(folder): \(error)")
        }
    }

    /// Runs `body` with `text`'s `{local}` replaced by an in-process local Image Service's
    /// services URL (started only when `text` has the placeholder, stopped afterwards).
    static func withLocalServices<Result>(in text: String, catalog: String?, _ body: (String) async throws -> Result) async throws -> Result {
        guard text.contains(placeholder) else { return try await body(text) }
        let server = try await LocalImageServer.start(catalog: load(catalog))
        do {
            let result = try await body(text.replacingOccurrences(of: placeholder, with: server.servicesURL))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
