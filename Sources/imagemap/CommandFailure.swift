import ArgumentParser
import Foundation

/// An error in what the user gave: printed as is, exit code 2.
struct BadInput: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// The work could not be done (a server, a file, the pixels): exit code 1.
struct RenderFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

extension BadInput {
    /// Runs a command's body and turns its errors into `imagemap: <message>` on standard
    /// error and an exit code: 2 for bad input, the code itself for an `ExitCode`, 1 for
    /// anything else (every other error names what failed and where).
    static func exitingWithCode2(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as BadInput {
            report(error.description)
            throw ExitCode(2)
        } catch {
            report("\(error)")
            throw ExitCode(1)
        }
    }

    private static func report(_ message: String) {
        FileHandle.standardError.write(Data("imagemap: \(message)\n".utf8))
    }
}
