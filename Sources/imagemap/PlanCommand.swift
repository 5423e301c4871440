import ArgumentParser
import Foundation
import LayerOptions
import RequestPlanning

/// `imagemap plan SPEC.json`: print the requests each layer would send, exactly as Esri
/// Leaflet's ImageMapLayer builds them, without sending anything.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the exportImage, identify and metadata requests of each layer of a map spec.",
        discussion: """
            Output: {"layers": [{"export": [REQ...], "identify": [REQ...], "metadata": REQ}]}
            where REQ is the URL of a GET, or {"method":"POST","url":URL,"body":BODY}.
            Use - to read the spec from standard input.
            """
    )

    @Argument(help: "The map spec (JSON), or - for standard input.")
    var spec: String

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            let mapSpec = try SpecFile.read(spec)
            print(MapRequestPlan(spec: mapSpec).json.stringified)
        }
    }
}
