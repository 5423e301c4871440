import ArgumentParser
import Foundation
import ImageMap
import ImageServiceClient
import LayerOptions
import PixelPipeline

/// `imagemap render [SPEC] -o map.png`: fetch every layer of a map spec, compose them as a
/// Leaflet map shows them, and write the picture.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a map spec to a PNG or JPEG file.",
        discussion: """
            Without a spec, renders the built-in example (examples/world-night-lights.json) from the
            local Image Service started in this process: no network needed. A spec may write {local}
            for that service's URL, e.g. "url": "{local}/WorldImagery/ImageServer".
            Exit codes: 0 written, 1 the render failed, 2 bad input, 3 a layer failed.
            """
    )

    @Argument(help: "The map spec (JSON), or - for standard input. Default: the built-in example.")
    var spec: String?

    @Option(name: .shortAndLong, help: "The file to write; its extension (.png, .jpg) gives the format unless --format does.")
    var output: String

    @Option(help: "png or jpg.")
    var format: String?

    @Option(help: "JPEG quality, 1-100.")
    var quality = 85

    @Option(help: "Device pixel ratio, 1-4: more pixels for the same extent.")
    var scale = 1.0

    @Flag(help: "Smallest PNG files (slower) instead of the fast default.")
    var smallest = false

    @Flag(help: "Draw the map without layers that fail (exit code 3) instead of failing.")
    var skipFailedLayers = false

    @Option(help: "Write a JSON report of each layer (URL without token, status, bytes, time, error) to this file.")
    var report: String?

    @Option(help: "The catalog folder of the local Image Service used for {local} (default: examples/catalog).")
    var catalog: String?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func run() async throws {
        try await BadInput.exitingWithCode2 {
            let outputFormat = try chooseFormat()
            let specPath = spec ?? LocalCatalog.examplesFolder + "/world-night-lights.json"
            let text = try SpecFile.text(specPath)
            let progress = ProgressLines(enabled: !quiet && isatty(STDERR_FILENO) == 1)
            let started = ContinuousClock.now
            let rendered: RenderedMap = try await LocalCatalog.withLocalServices(in: text, catalog: catalog) { text in
                let mapSpec = try SpecFile.parse(text, name: specPath == "-" ? "standard input" : specPath)
                let client = ImageServiceClient()
                var map = StaticMap(spec: mapSpec, client: client)
                map.scale = scale
                map.output = outputFormat
                map.layerFailure = skipFailedLayers ? .omitLayer : .failRender
                let layers = map.layers
                do {
                    let rendered = try await map.render { progress.show($0, layers: layers) }
                    try await client.shutdown()
                    return rendered
                } catch {
                    try? await client.shutdown()
                    throw error
                }
            }
            if let report { try writeReport(rendered, to: report) }
            do { try rendered.write(to: output) } catch { throw RenderFailure("\(error)") }
            let elapsed = ContinuousClock.now - started
            progress.finish("wrote \(output) (\(rendered.width)x\(rendered.height), \(rendered.bytes.count / 1024) KB) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)))")
            if rendered.layers.contains(where: { $0.status == .failed }) {
                for layer in rendered.layers where layer.status == .failed {
                    FileHandle.standardError.write(Data("imagemap: layer \(layer.index) (\(layer.service)) left out: \(layer.error ?? "")\n".utf8))
                }
                throw ExitCode(3)
            }
        }
    }

    private func chooseFormat() throws -> OutputFormat {
        let extensionFormat = URL(fileURLWithPath: output).pathExtension.lowercased()
        let name = format?.lowercased() ?? (["jpg", "jpeg"].contains(extensionFormat) ? "jpg" : "png")
        guard ["png", "jpg", "jpeg"].contains(name) else { throw BadInput("--format \(format ?? ""): use png or jpg") }
        let isJPEG = name != "png"
        if ["png", "jpg", "jpeg"].contains(extensionFormat), (extensionFormat != "png") != isJPEG {
            throw BadInput("-o \(output) has a .\(extensionFormat) extension but the format is \(isJPEG ? "jpg" : "png"); make them agree")
        }
        guard (1...100).contains(quality) else { throw BadInput("--quality \(quality): use a JPEG quality from 1 to 100") }
        guard (1...4).contains(scale) else { throw BadInput("--scale \(scale): use a device pixel ratio from 1 to 4") }
        return isJPEG ? .jpeg(quality: quality) : .png(smallest ? .smallest : .fast)
    }

    private func writeReport(_ rendered: RenderedMap, to path: String) throws {
        let layers: [JSONValue] = rendered.layers.map { layer in
            ["index": .number(Double(layer.index)), "service": .string(layer.service), "status": .string(layer.status.rawValue),
             "urls": .array(layer.urls.map(JSONValue.string)), "bytes": .number(Double(layer.bytes)),
             "seconds": .number((layer.seconds * 1000).rounded() / 1000),
             "attribution": layer.attribution.map(JSONValue.string) ?? .null, "error": layer.error.map(JSONValue.string) ?? .null]
        }
        let json: JSONValue = ["output": .string(output), "width": .number(Double(rendered.width)), "height": .number(Double(rendered.height)),
                               "format": .string(rendered.format.rawValue), "bytes": .number(Double(rendered.bytes.count)),
                               "attribution": .array(rendered.attribution.map(JSONValue.string)), "layers": .array(layers)]
        do { try AtomicFileWriter.write(Array((json.stringified + "\n").utf8), to: path) } catch { throw RenderFailure("\(error)") }
    }
}

/// Progress lines on standard error, when it is a terminal.
struct ProgressLines: Sendable {
    let enabled: Bool

    func show(_ stage: RenderProgress, layers: [ImageMapLayer]) {
        guard enabled else { return }
        let line: String
        switch stage {
        case let .fetching(layer, tiles): line = "layer \(layer) \(name(layers, layer)): fetching \(tiles) export\(tiles == 1 ? "" : "s")"
        case .decoding(let layer): line = "layer \(layer) \(name(layers, layer)): decoding"
        case .ready(let layer): line = "layer \(layer) \(name(layers, layer)): ready"
        case .skipped(let layer): line = "layer \(layer) \(name(layers, layer)): outside its zoom range, skipped"
        case let .failed(layer, message): line = "layer \(layer) \(name(layers, layer)): failed: \(message)"
        case .composing: line = "composing"
        case .encoding: line = "encoding"
        }
        FileHandle.standardError.write(Data("imagemap: \(line)\n".utf8))
    }

    func finish(_ line: String) {
        if enabled { FileHandle.standardError.write(Data("imagemap: \(line)\n".utf8)) }
    }

    private func name(_ layers: [ImageMapLayer], _ index: Int) -> String {
        guard layers.indices.contains(index) else { return "" }
        let url = layers[index].options.url
        let parts = url.split(separator: "/")
        return parts.count >= 2 && parts.last == "ImageServer" ? String(parts[parts.count - 2]) : url
    }
}
