import Foundation
import PixelPipeline
import LayerOptions

/// The benchmark layers as the files a user would have: layer 0 as a JPEG (q85, 4:2:0, what
/// an exportImage of imagery gives), layers 1–3 as PNG (1 and 2 RGBA, 3 RGB since it is
/// opaque), written with adaptive filters as libpng's defaults do; and the compose specs
/// of the job, `spec-png.json` and `spec-jpg.json`.
public enum BenchmarkFiles {
    /// The file names, bottom first.
    public static let names = ["layer0.jpg", "layer1.png", "layer2.png", "layer3.png"]

    /// The encoded layers at `side` x `side`, bottom first (the bytes of ``names``).
    public static func encodedLayers(side: Int) throws -> [[UInt8]] {
        let layers = BenchmarkLayers.make(side: side)
        return try layers.enumerated().map { index, layer in
            index == 0 ? try JPEGEncoder(quality: 85).encode(layer.raster)
                : try PNGEncoder(compression: .smallest).encode(layer.raster)
        }
    }

    /// Writes the layers and both specs into `directory`; returns the layer paths.
    @discardableResult
    public static func write(side: Int, to directory: String) throws -> [String] {
        let paths = names.map { directory + "/" + $0 }
        for (bytes, path) in zip(try encodedLayers(side: side), paths) {
            try AtomicFileWriter.write(bytes, to: path)
        }
        for format in ["png", "jpg"] {
            try AtomicFileWriter.write(Array(spec(side: side, format: format).utf8), to: directory + "/spec-\(format).json")
        }
        return paths
    }

    /// The compose spec of the job: opacities 1.0 / 0.6 / 0.5 / 0.8, noData 0 (MatchAny) on
    /// layer 3, PNG (fast) or JPEG q85.
    public static func spec(side: Int, format: String) -> String {
        let layers = names.enumerated().map { index, name in
            var members = ["\"file\": \"\(name)\""]
            if index > 0 { members.append("\"opacity\": \(BenchmarkLayers.opacities[index])") }
            if index == 3 { members.append("\"noData\": 0") }
            return "    {" + members.joined(separator: ", ") + "}"
        }
        return """
            {"size": [\(side), \(side)],
             "layers": [
            \(layers.joined(separator: ",\n"))],
             "format": "\(format)", "quality": 85}

            """
    }

    /// The job on files written by ``write(side:to:)``.
    public static func job(side: Int, directory: String, format: String, png: String = "fast",
                           decoding: ComposeJob.Decoding) throws -> ComposeJob {
        var text = spec(side: side, format: format)
        text = text.replacingOccurrences(of: "\"quality\": 85}", with: "\"quality\": 85, \"png\": \"\(png)\"}")
        var job = try ComposeJob(spec: ComposeSpec.parse(text), relativeTo: directory)
        job.decoding = decoding
        return job
    }
}
