import Foundation
import PixelPipeline

/// Turns a catalog file's raster entry into a ``SourceRaster``: decodes the PNG or JPEG
/// file, or runs the generator recipe.
enum RasterLoader {
    static func load(_ entry: ServiceDefinition.RasterEntry, definition: ServiceDefinition) throws(CatalogError) -> SourceRaster {
        let noData = definition.noDataValue.map { Float($0) }
        switch entry.source {
        case .generated(let recipe, let width, let height):
            let bands: [[Float]] = recipe == "scene"
                ? RasterGenerator.scene(width: width, height: height)
                : RasterGenerator.elevation(width: width, height: height, noData: noData ?? -9999)
            return SourceRaster(width: width, height: height, bands: bands, extent: entry.extent,
                                spatialReference: entry.spatialReference, noData: recipe == "elevation" ? (noData ?? -9999) : noData)
        case .file(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                let hint = file.hasPrefix("/usr/share/marble/")
                    ? "it comes with Debian's marble-qt-data: run `sudo apt-get install marble-qt-data` (or scripts/install-dependencies.sh)"
                    : "check the path (relative paths are read from the catalog file's folder)"
                throw CatalogError(path: definition.path, reason: "service \(definition.name): raster file \(file) is missing or unreadable; \(hint)")
            }
            let raster: Raster
            do { raster = try ImageDecoder.decode([UInt8](data)) } catch {
                throw CatalogError(path: definition.path, reason: "service \(definition.name): cannot decode \(file): \(error)")
            }
            let count = raster.width * raster.height
            let bandCount = definition.bandCount
            var bands = [[Float]](repeating: [], count: bandCount)
            raster.pixels.withUnsafeBufferPointer { pixels in
                for band in 0..<bandCount {
                    bands[band] = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                        for index in 0..<count { buffer[index] = Float(pixels[index &* 4 &+ band]) }
                        initialized = count
                    }
                }
            }
            return SourceRaster(width: raster.width, height: raster.height, bands: bands, extent: entry.extent,
                                spatialReference: entry.spatialReference, noData: noData)
        }
    }
}
