import ArgumentParser
import Foundation
import LayerOptions

/// Reading a map spec named on the command line; failures exit with code 2 (bad input).
enum SpecFile {
    /// The spec at `path` (`-` for standard input).
    static func read(_ path: String) throws -> MapSpec {
        let name = path == "-" ? "standard input" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw BadInput("cannot read the map spec \(path): no such file, or it is not readable")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput("\(name): the map spec is not UTF-8 text")
        }
        do {
            return try MapSpec.parse(text)
        } catch {
            throw BadInput("\(name): \(error)")
        }
    }
}

/// An error in what the user gave: printed as is, exit code 2.
struct BadInput: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// Runs a command's body; a `BadInput` is printed to standard error as
    /// `imagemap: <message>` and ends the process with exit code 2.
    static func exitingWithCode2(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as BadInput {
            FileHandle.standardError.write(Data("imagemap: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
