import ArgumentParser
import Foundation
import LayerOptions
import PixelPipeline

/// `imagemap compose SPEC.json -o OUT`: the pixel pipeline on local image files.
struct ComposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Compose local PNG/JPEG images, bottom first, into one PNG or JPEG.",
        discussion: """
            SPEC is JSON: {"size": [W, H], "layers": [{"file": "a.jpg"}, {"file": "b.png", "opacity": 0.6, "origin": [x, y], "noData": [0, 0, 0], "noDataInterpretation": "esriNoDataMatchAll"}], "format": "png" or "jpg", "quality": 1-100, "png": "fast" or "smallest"}

            Layers are listed bottom first; files are relative to the spec's folder.
            Exit codes: 0 done, 1 a layer file or the output could not be read, decoded or written, 2 a bad spec or arguments.
            """
    )

    @Argument(help: "The compose spec (JSON), or - for standard input.")
    var spec: String

    @Option(name: .shortAndLong, help: "The image to write (its format follows the spec's \"format\").")
    var output: String

    @Flag(name: .long, help: "Print how long each stage took to standard error.")
    var verbose = false

    func run() throws {
        var job: ComposeJob?
        try BadInput.exitingWithCode2 {
            let (text, name) = try SpecFile.readText(spec)
            let composeSpec: ComposeSpec
            do { composeSpec = try ComposeSpec.parse(text) } catch { throw BadInput("\(name): \(error)") }
            let directory = spec == "-" ? "." : (spec as NSString).deletingLastPathComponent
            do throws(ComposeJobError) {
                let built = try ComposeJob(spec: composeSpec, relativeTo: directory)
                try built.checkOutputPath(output)
                job = built
            } catch {
                throw BadInput(error.description)
            }
        }
        guard let job else { return }
        do {
            let clock = ContinuousClock()
            let start = clock.now
            let timings = try job.run(writingTo: output)
            if verbose { report(timings, total: clock.now - start, overlapped: job.decoding != .allAtOnce) }
        } catch {
            FileHandle.standardError.write(Data("imagemap: \(error.description)\n".utf8))
            throw ExitCode(error.isUsageError ? 2 : 1)
        }
    }

    private func report(_ timings: ComposeJob.Timings, total: Duration, overlapped: Bool) {
        func ms(_ duration: Duration) -> String {
            String(format: "%.1f ms", Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15)
        }
        // Bounded decoding reads, decodes and draws layers at once: its decode figure is the
        // wall time of all three, and the others are the time spent in them inside it.
        let lines = [
            overlapped ? "read    (while decoding)" : "read    \(ms(timings.read))",
            "decode  \(ms(timings.decode))\(overlapped ? " (wall time of read + decode + compose, overlapped)" : "")",
            "compose \(ms(timings.compose))\(overlapped ? " (inside decode)" : "")",
            "encode  \(ms(timings.encode)) (\(timings.outputBytes) bytes)",
            "write   \(ms(timings.write))",
            "total   \(ms(total))",
        ]
        FileHandle.standardError.write(Data(lines.map { "imagemap compose: \($0)\n" }.joined().utf8))
    }
}

extension SpecFile {
    /// The text of the spec at `path` (`-` for standard input) and the name to give it in
    /// messages.
    static func readText(_ path: String) throws -> (text: String, name: String) {
        let name = path == "-" ? "standard input" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw BadInput("cannot read the spec \(path): no such file, or it is not readable")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BadInput("\(name): the spec is not UTF-8 text")
        }
        return (text, name)
    }
}
