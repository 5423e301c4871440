import LayerOptions

/// Samples a ``SourceRaster`` onto an ``OutputGrid``: for each output pixel centre, grid
/// reference → geographic → the raster's reference → a source pixel, then nearest
/// neighbour or bilinear.
///
/// Both references map x from longitude and y from latitude alone, so the source column
/// depends only on the output column and the source row only on the output row: both
/// are computed once per column and once per row, and the inner loop only reads taps.
/// Longitudes wrap by 360° onto the raster. A bilinear tap on NoData falls back to the
/// nearest source pixel.
enum Resampler {
    /// Where one output column (or row) reads: the nearest index, the two bilinear taps
    /// and the weight of the second, or `nearest < 0` when outside the raster.
    struct Taps {
        var nearest: Int32
        var first: Int32
        var second: Int32
        var weight: Float
    }

    /// The taps for a continuous source coordinate `position` (pixel centres at k + 0.5)
    /// in a raster dimension of `size` pixels.
    @inline(__always)
    static func taps(position: Double, size: Int) -> Taps {
        guard position >= 0, position < Double(size) else { return Taps(nearest: -1, first: 0, second: 0, weight: 0) }
        let nearest = min(size - 1, Int(position))
        let shifted = position - 0.5
        let floorIndex = shifted.rounded(.down)
        let first = max(0, min(size - 1, Int(floorIndex)))
        let second = max(0, min(size - 1, Int(floorIndex) + 1))
        return Taps(nearest: Int32(nearest), first: Int32(first), second: Int32(second), weight: Float(shifted - floorIndex))
    }

    static func columnTaps(raster: SourceRaster, grid: OutputGrid) -> [Taps] {
        let sourceWest = Projection.longitude(x: raster.extent.xmin, in: raster.spatialReference)
        let sourceEast = Projection.longitude(x: raster.extent.xmax, in: raster.spatialReference)
        let cell = grid.cellWidth
        return (0..<grid.width).map { column in
            let x = grid.extent.xmin + (Double(column) + 0.5) * cell
            let longitude = Projection.longitude(x: x, in: grid.reference)
            var wrapped = longitude
            if wrapped < sourceWest { wrapped += 360 * ((sourceWest - wrapped) / 360).rounded(.up) }
            if wrapped > sourceEast { wrapped -= 360 * ((wrapped - sourceEast) / 360).rounded(.up) }
            if wrapped < sourceWest || wrapped > sourceEast { wrapped = longitude }
            let sourceX = grid.reference == raster.spatialReference && wrapped == longitude
                ? x : Projection.x(longitude: wrapped, in: raster.spatialReference)
            return taps(position: (sourceX - raster.extent.xmin) / raster.pixelSizeX, size: raster.width)
        }
    }

    static func rowTaps(raster: SourceRaster, grid: OutputGrid) -> [Taps] {
        let cell = grid.cellHeight
        return (0..<grid.height).map { row in
            let y = grid.extent.ymax - (Double(row) + 0.5) * cell
            let sourceY: Double?
            if grid.reference == raster.spatialReference {
                sourceY = y
            } else {
                sourceY = Projection.y(latitude: Projection.latitude(y: y, in: grid.reference), in: raster.spatialReference)
            }
            guard let sourceY else { return Taps(nearest: -1, first: 0, second: 0, weight: 0) }
            return taps(position: (raster.extent.ymax - sourceY) / raster.pixelSizeY, size: raster.height)
        }
    }

    /// The raster sampled onto the grid; `nil` when no output pixel falls on it.
    static func sample(_ raster: SourceRaster, onto grid: OutputGrid, interpolation: Interpolation,
                       pixelType: PixelType, statistics: [BandStatistics?]) -> PixelBlock? {
        let columns = columnTaps(raster: raster, grid: grid)
        let rows = rowTaps(raster: raster, grid: grid)
        guard columns.contains(where: { $0.nearest >= 0 }), rows.contains(where: { $0.nearest >= 0 }) else { return nil }
        var block = PixelBlock.empty(width: grid.width, height: grid.height, bandCount: raster.bandCount,
                                     pixelType: pixelType, statistics: statistics)
        let width = grid.width, sourceWidth = raster.width
        let bilinear = interpolation != .nearestNeighbor
        let noData = raster.noData
        let first = raster.bands[0]
        first.withUnsafeBufferPointer { first in
            block.mask.withUnsafeMutableBufferPointer { mask in
                for (row, rowTap) in rows.enumerated() where rowTap.nearest >= 0 {
                    let nearestRow = Int(rowTap.nearest) * sourceWidth
                    for (column, columnTap) in columns.enumerated() where columnTap.nearest >= 0 {
                        if let noData, first[nearestRow + Int(columnTap.nearest)] == noData { continue }
                        mask[row * width + column] = 1
                    }
                }
            }
        }
        for band in 0..<raster.bandCount {
            raster.bands[band].withUnsafeBufferPointer { source in
                first.withUnsafeBufferPointer { first in
                    block.mask.withUnsafeBufferPointer { mask in
                        block.bands[band].withUnsafeMutableBufferPointer { output in
                            for (row, rowTap) in rows.enumerated() where rowTap.nearest >= 0 {
                                let nearestRow = Int(rowTap.nearest) * sourceWidth
                                let firstRow = Int(rowTap.first) * sourceWidth, secondRow = Int(rowTap.second) * sourceWidth
                                let rowWeight = rowTap.weight
                                let outputRow = row * width
                                for column in 0..<width where mask[outputRow + column] != 0 {
                                    let columnTap = columns[column]
                                    if !bilinear {
                                        output[outputRow + column] = source[nearestRow + Int(columnTap.nearest)]
                                        continue
                                    }
                                    let c0 = Int(columnTap.first), c1 = Int(columnTap.second)
                                    let i00 = firstRow + c0, i01 = firstRow + c1, i10 = secondRow + c0, i11 = secondRow + c1
                                    if let noData, first[i00] == noData || first[i01] == noData || first[i10] == noData || first[i11] == noData {
                                        output[outputRow + column] = source[nearestRow + Int(columnTap.nearest)]
                                        continue
                                    }
                                    let w = columnTap.weight
                                    let top = source[i00] + (source[i01] - source[i00]) * w
                                    let bottom = source[i10] + (source[i11] - source[i10]) * w
                                    output[outputRow + column] = top + (bottom - top) * rowWeight
                                }
                            }
                        }
                    }
                }
            }
        }
        return block
    }
}
