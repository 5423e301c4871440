import Foundation
import LayerOptions

/// Reading a map spec named on the command line; failures are bad input (exit code 2).
enum SpecFile {
    /// The spec at `path` (`-` for standard input), parsed.
    static func read(_ path: String) throws -> MapSpec {
        try parse(text(path), name: displayName(path))
    }

    /// The text of the file at `path` (`-` for standard input).
    static func text(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw BadInput("cannot read \(path): no such file, or it is not readable")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput("\(displayName(path)): the spec is not UTF-8 text")
        }
        return text
    }

    /// Parses spec text; `name` says where it came from in errors.
    static func parse(_ text: String, name: String) throws -> MapSpec {
        do {
            return try MapSpec.parse(text)
        } catch {
            throw BadInput("\(name): \(error)")
        }
    }

    static func displayName(_ path: String) -> String { path == "-" ? "standard input" : path }
}
