// Times our compose of the fixed benchmark layers the way scripts/bench-peers.sh times the
// peers (best and median of repeated runs after 5 warm-up runs, in-memory, one thread) and, with --write DIR, first
// writes the layers as raw RGBA (layerN.rgba) for them.
//
//   compose-timer [--side 2048] [--runs 31] [--write DIR]
import BenchmarkLayers
import Foundation
import PixelPipeline

var side = 2048, runs = 31
var writeDirectory: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--side": side = Int(arguments.popFirst() ?? "") ?? side
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    case "--write": writeDirectory = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: compose-timer [--side N] [--runs N] [--write DIR]\n".utf8))
        exit(2)
    }
}

let layers = BenchmarkLayers.make(side: side)
if let directory = writeDirectory {
    for (index, layer) in layers.enumerated() {
        try Data(layer.raster.pixels).write(to: URL(fileURLWithPath: "\(directory)/layer\(index).rgba"))
    }
}

var times: [Double] = []
var result = Raster(width: 0, height: 0)
for run in 0 ..< runs + 5 {  // the first 5 are warm-up, untimed
    let start = DispatchTime.now().uptimeNanoseconds
    result = try Compositor.compose(layers, width: side, height: side)
    if run >= 5 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
}
if let directory = writeDirectory {
    try Data(result.pixels).write(to: URL(fileURLWithPath: "\(directory)/imagemap.rgba"))
}
times.sort()
print(String(format: "imagemap %.3f ms (best of %d; median %.3f)", times[0], runs, times[times.count / 2]))
