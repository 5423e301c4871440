import Foundation
import Testing
import LayerOptions
import PixelPipeline
@testable import LocalImageServer

/// GDAL's command-line tools, when installed (`apt-get install gdal-bin`).
enum GDAL {
    static func tool(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var available: Bool { tool("gdalwarp") != nil && tool("gdal_translate") != nil }

    static func run(_ name: String, _ arguments: [String]) throws {
        guard let path = tool(name) else { throw FixtureError("\(name) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw FixtureError("\(name) \(arguments.joined(separator: " ")) failed: \(message)")
        }
    }
}

/// The Blue Marble exported to Web Mercator against the same extent warped by `gdalwarp`.
///
/// Tolerance, bilinear against bilinear over 256 x 256 RGB pixels: mean absolute difference
/// below 2 and no channel more than 40 apart. Both read the same JPEG (through libjpeg-turbo)
/// and sample at the same pixel centres; differences come from GDAL's warp kernel and
/// approximate transformer (error threshold 0.125 pixel by default).
@Suite(.enabled(if: GDAL.available, "gdalwarp is not installed (apt-get install gdal-bin): skipping the comparison with GDAL"))
struct GDALComparisonTests {
    @Test func blueMarbleInWebMercatorMatchesGdalwarp() throws {
        let service = try CatalogFixture.service("WorldImagery")
        let source = "/usr/share/marble/data/maps/earth/bluemarble/bluemarble.jpg"
        // The Mediterranean and the Alps, about 10 km cells (finer than the source's 15 km).
        let (xmin, ymin, xmax, ymax) = (0.0, 4_000_000.0, 2_560_000.0, 6_560_000.0)
        let size = 256
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagemap-gdal-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let vrt = directory.appendingPathComponent("source.vrt").path
        let tif = directory.appendingPathComponent("warped.tif").path
        let png = directory.appendingPathComponent("warped.png").path
        try GDAL.run("gdal_translate", ["-q", "-of", "VRT", "-a_srs", "EPSG:4326", "-a_ullr", "-180", "90", "180", "-90", source, vrt])
        try GDAL.run("gdalwarp", ["-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", "\(xmin)", "\(ymin)", "\(xmax)", "\(ymax)",
                                  "-ts", "\(size)", "\(size)", "-r", "bilinear", "-of", "GTiff", vrt, tif])
        try GDAL.run("gdal_translate", ["-q", "-of", "PNG", tif, png])
        guard let data = FileManager.default.contents(atPath: png) else { throw FixtureError("gdal_translate wrote no \(png)") }
        let expected = try ImageDecoder.decode([UInt8](data))

        let image = try service.exportImage(parameters([
            "bbox": "\(xmin),\(ymin),\(xmax),\(ymax)", "bboxSR": "3857", "imageSR": "3857", "size": "\(size),\(size)",
            "format": "png", "interpolation": "RSP_BilinearInterpolation",
        ]))
        let actual = try decoded(image)
        #expect(actual.width == expected.width && actual.height == expected.height)
        var total = 0, largest = 0, count = 0
        for index in 0..<(size * size) {
            for channel in 0..<3 {
                let difference = abs(Int(actual.pixels[index * 4 + channel]) - Int(expected.pixels[index * 4 + channel]))
                total += difference
                largest = max(largest, difference)
                count += 1
            }
        }
        let mean = Double(total) / Double(count)
        #expect(mean < 2, "mean absolute difference \(mean)")
        #expect(largest < 40, "largest difference \(largest)")
    }
}
