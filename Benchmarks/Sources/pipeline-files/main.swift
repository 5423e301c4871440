// The whole-pipeline comparison's helper (scripts/bench-peers.sh pipeline):
//
//   pipeline-files write SIDE DIR                   writes layer0.jpg, layer1-3.png and the
//                                                   compose specs spec-png.json, spec-jpg.json
//   pipeline-files run SPEC OUT all|bounded:N       runs `imagemap compose SPEC -o OUT` with a
//                                                   chosen decoding strategy, to measure each
import BenchmarkLayers
import Foundation
import LayerOptions
import PixelPipeline

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: pipeline-files write SIDE DIR | run SPEC OUT all|bounded:N\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "write":
    guard arguments.count == 3, let side = Int(arguments[1]), side > 0 else { usage() }
    try BenchmarkFiles.write(side: side, to: arguments[2])
case "run":
    guard arguments.count == 4 else { usage() }
    let decoding: ComposeJob.Decoding
    if arguments[3] == "all" {
        decoding = .allAtOnce
    } else if arguments[3].hasPrefix("bounded:"), let count = Int(arguments[3].dropFirst(8)), count > 0 {
        decoding = .bounded(layers: count)
    } else {
        usage()
    }
    let specPath = arguments[1]
    let text = try String(contentsOfFile: specPath, encoding: .utf8)
    var job = try ComposeJob(spec: ComposeSpec.parse(text), relativeTo: (specPath as NSString).deletingLastPathComponent)
    job.decoding = decoding
    try job.run(writingTo: arguments[2])
default:
    usage()
}
