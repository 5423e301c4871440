import LayerOptions
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole pipeline on local files: read and decode the layer images, compose them,
/// encode the composite and write it atomically. `imagemap compose SPEC.json -o OUT` is
/// this job; so are the whole-pipeline benchmarks.
///
/// ```swift
/// let spec = try ComposeSpec.parse(text)
/// let job = try ComposeJob(spec: spec, relativeTo: "/maps")
/// try job.checkOutputPath("/maps/out.png")
/// let timings = try job.run(writingTo: "/maps/out.png")
/// ```
///
/// A failure never leaves a partial output file: the bytes are written to a temporary file
/// that is renamed over the destination only once complete (``AtomicFileWriter``).
public struct ComposeJob: Sendable {
    /// One image file drawn onto the canvas.
    public struct Layer: Sendable, Equatable {
        /// The file to read (PNG or JPEG, told apart by its bytes).
        public var path: String
        /// Where the image sits on the canvas; the part outside it is clipped.
        public var placement: LayerPlacement
        /// Opacity, 0...1.
        public var opacity: Double
        /// The pixel values made transparent, or `nil`.
        public var noData: NoDataMask?

        /// A layer drawing the image in `path` at `placement`.
        public init(path: String, placement: LayerPlacement = .origin, opacity: Double = 1, noData: NoDataMask? = nil) {
            self.path = path
            self.placement = placement
            self.opacity = opacity
            self.noData = noData
        }
    }

    /// The encoded output.
    public enum Output: Sendable {
        /// A PNG (RGB when the composite is opaque, RGBA otherwise).
        case png(PNGEncoder)
        /// A JPEG, flattened over the encoder's background.
        case jpeg(JPEGEncoder)

        /// The format written.
        public var format: ImageFormat {
            switch self {
            case .png: .png
            case .jpeg: .jpeg
            }
        }
    }

    /// How many decoded layers may be in memory at once.
    public enum Decoding: Sendable, Equatable {
        /// Every layer decoded in parallel (``ImageDecoder/decodeAll(_:maxPixels:)``), then
        /// composed in one fused pass (``Compositor/compose(_:width:height:)``): exact, and
        /// peak memory holds every decoded layer and the canvas.
        case allAtOnce
        /// At most `layers` decoded layers alive at once: that many workers decode layers
        /// (the bottom one not yet drawn first, else the largest file left), and a decoded
        /// layer is drawn onto the canvas in place as soon as every layer below it has been.
        /// Peak memory is the canvas plus `layers` decoded layers (a PNG is decoded as it is
        /// read; a JPEG's compressed bytes are held while it decodes).
        ///
        /// Rounding: the canvas is rounded to 8 bits after each layer, as a browser's 8-bit
        /// canvas is (see ``Compositor/compose(_:onto:)``), always in the same places, so
        /// the bytes do not depend on timing. Over an opaque base each channel stays within
        /// 1 of ``allAtOnce``'s exact result for two layers above it; rounding errors of
        /// several low-alpha layers can add up to 2 (the tests check both).
        case bounded(layers: Int)
    }

    /// How long each stage took (wall time), and what was written.
    public struct Timings: Sendable, Equatable {
        /// Reading the layer files (with `.bounded`, zero: files are read while they are
        /// decoded, inside ``decode``).
        public var read: Duration = .zero
        /// Decoding the layers (with `.bounded`: from the first read to the last layer
        /// drawn, so it includes ``compose``).
        public var decode: Duration = .zero
        /// Composing (with `.bounded`, the sum of the draws).
        public var compose: Duration = .zero
        /// Encoding (for a PNG written by ``run(writingTo:)``, with the writes of its stripes,
        /// which overlap the compression of the stripes after them).
        public var encode: Duration = .zero
        /// Writing the file, what is left of it after ``encode``: the JPEG's bytes, then for
        /// either format flushing to disk and renaming the file into place.
        public var write: Duration = .zero
        /// Size of the encoded image.
        public var outputBytes = 0

        /// All zero.
        public init() {}
    }

    /// Canvas width in pixels.
    public var width: Int
    /// Canvas height in pixels.
    public var height: Int
    /// The layers, bottom first.
    public var layers: [Layer]
    /// The encoder.
    public var output: Output
    /// How many decoded layers may be in memory at once; `.bounded(layers: 2)` by default
    /// (see BENCHMARKS.md, "Whole pipeline", for the measurements behind the choice).
    public var decoding: Decoding
    /// The largest layer image decoded, in pixels.
    public var maxPixels: Int

    /// A job drawing `layers`, bottom first, on a `width` x `height` canvas.
    public init(width: Int, height: Int, layers: [Layer], output: Output,
                decoding: Decoding = .bounded(layers: 2), maxPixels: Int = ImageDecoder.defaultMaxPixels) {
        self.width = width
        self.height = height
        self.layers = layers
        self.output = output
        self.decoding = decoding
        self.maxPixels = maxPixels
    }

    /// The job a compose spec describes; relative layer paths are taken relative to `directory`.
    public init(spec: ComposeSpec, relativeTo directory: String) throws(ComposeJobError) {
        let layers = spec.layers.map { layer in
            Layer(path: Self.resolve(layer.file, against: directory),
                  placement: LayerPlacement(x: layer.originX, y: layer.originY),
                  opacity: layer.opacity,
                  noData: layer.noData.map { NoDataMask($0, interpretation: layer.noDataInterpretation) })
        }
        let output: Output
        switch spec.format {
        case .png:
            output = .png(PNGEncoder(compression: spec.pngCompression == .smallest ? .smallest : .fast))
        case .jpg:
            do { output = .jpeg(try JPEGEncoder(quality: spec.quality)) } catch { throw .encoding(error) }
        }
        self.init(width: spec.width, height: spec.height, layers: layers, output: output)
    }

    /// Refuses an output path whose extension names the other format (`x.jpg` for a PNG job,
    /// `x.png` for a JPEG one). Other extensions, or none, are accepted.
    public func checkOutputPath(_ path: String) throws(ComposeJobError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return }
        let named: ImageFormat? = switch name[name.index(after: dot)...].lowercased() {
        case "png": .png
        case "jpg", "jpeg": .jpeg
        default: nil
        }
        if let named, named != output.format {
            throw .outputFormatMismatch(path: path, format: output.format)
        }
    }

    /// Runs the job and writes the image to `path` atomically. A PNG's stripes are written
    /// as they are compressed.
    /// - Throws: ``ComposeJobError``; nothing is written at `path` on failure.
    @discardableResult
    public func run(writingTo path: String) throws(ComposeJobError) -> Timings {
        try checkOutputPath(path)
        var timings = Timings()
        let canvas = try composite(timings: &timings)
        let clock = ContinuousClock()
        let start = clock.now
        var encoded = start
        do {
            try AtomicFileWriter.write(to: path) { append throws(PixelPipelineError) in
                switch output {
                case .png(let encoder): try encoder.encode(canvas, writingTo: append)
                case .jpeg(let encoder): try encoder.encode(canvas).withBytes(append)
                }
                encoded = clock.now
            }
        } catch {
            if case .fileWriteFailed = error { throw .writing(error) }
            throw .encoding(error)
        }
        timings.encode = encoded - start
        timings.write = clock.now - encoded
        var status = stat()
        timings.outputBytes = stat(path, &status) == 0 ? Int(status.st_size) : 0
        return timings
    }

    /// Runs the job and returns the encoded image.
    public func render() throws(ComposeJobError) -> [UInt8] {
        var timings = Timings()
        return try render(timings: &timings)
    }

    /// Runs the job, recording how long each stage took, and returns the encoded image.
    public func render(timings: inout Timings) throws(ComposeJobError) -> [UInt8] {
        let canvas = try composite(timings: &timings)
        let clock = ContinuousClock()
        let start = clock.now
        let bytes: [UInt8]
        do {
            switch output {
            case .png(let encoder): bytes = try encoder.encode(canvas)
            case .jpeg(let encoder): bytes = try encoder.encode(canvas)
            }
        } catch {
            throw .encoding(error)
        }
        timings.encode = clock.now - start
        timings.outputBytes = bytes.count
        return bytes
    }

    /// Reads, decodes and composes the layers.
    public func composite(timings: inout Timings) throws(ComposeJobError) -> Raster {
        guard width > 0, height > 0, width <= Compositor.maximumSide, height <= Compositor.maximumSide else {
            throw .compositing(.invalidCanvasSize(width: width, height: height))
        }
        switch decoding {
        case .allAtOnce:
            return try compositeAllAtOnce(timings: &timings)
        case .bounded(let count):
            return try ProgressiveComposition.run(self, workers: max(1, count), timings: &timings)
        }
    }

    private func compositeAllAtOnce(timings: inout Timings) throws(ComposeJobError) -> Raster {
        let clock = ContinuousClock()
        var start = clock.now
        var files: [[UInt8]] = []
        for index in layers.indices {
            files.append(try LayerFile.read(layers[index].path, layer: index))
        }
        timings.read = clock.now - start

        start = clock.now
        let decoded = ImageDecoder.decodeAll(files, maxPixels: maxPixels)
        files = []
        var composite: [CompositeLayer] = []
        for (index, result) in decoded.enumerated() {
            switch result {
            case .success(let raster): composite.append(compositeLayer(index, raster))
            case .failure(let error): throw .badImage(layer: index, path: layers[index].path, error: error)
            }
        }
        timings.decode = clock.now - start

        start = clock.now
        let canvas: Raster
        do { canvas = try Compositor.compose(composite, width: width, height: height) } catch { throw .compositing(error) }
        timings.compose = clock.now - start
        return canvas
    }

    /// Layer `index` with its decoded image.
    func compositeLayer(_ index: Int, _ raster: Raster) -> CompositeLayer {
        CompositeLayer(raster: raster, placement: layers[index].placement,
                       opacity: layers[index].opacity, noData: layers[index].noData)
    }

    /// `path` as is when absolute, else under `directory`.
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
