import ArgumentParser
import Foundation
import LayerOptions
import PixelPipeline

/// `imagemap compose SPEC.json -o OUT`: the pixel pipeline on local image files.
struct ComposeCommand: AsyncParsableCommand {
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

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            let composeSpec: ComposeSpec
            do {
                composeSpec = try ComposeSpec.parse(SpecFile.text(spec))
            } catch let error as ComposeSpecError {
                throw BadInput("\(SpecFile.displayName(spec)): \(error)")
            }
            let directory = spec == "-" ? "." : (spec as NSString).deletingLastPathComponent
            do throws(ComposeJobError) {
                let job = try ComposeJob(spec: composeSpec, relativeTo: directory)
                try job.checkOutputPath(output)
                let clock = ContinuousClock()
                let start = clock.now
                let timings = try job.run(writingTo: output)
                if verbose { report(timings, total: clock.now - start, overlapped: job.decoding != .allAtOnce) }
            } catch {
                // A wrong output extension is bad input (exit 2); a layer file that cannot be
                // read or decoded, or an output that cannot be written, exits with 1.
                if error.isUsageError { throw BadInput(error.description) }
                throw error
            }
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
