import LayerOptions

/// Produces the processed raster of a grid: the mosaic rule picks and orders the catalog
/// items, each is sampled onto the grid, the mosaic operation combines them, and the
/// rendering rule runs on the result. Export and identify share it.
enum BlockRenderer {
    static func render(_ service: LocalImageService, grid: OutputGrid, mosaicRule: MosaicRule, time: TimeExtent?,
                       renderingRule: RenderingRule?, interpolation: Interpolation) throws(ArcGISError) -> PixelBlock {
        let center = Projection.convert(x: grid.extent.centerX, y: grid.extent.centerY, from: grid.reference, to: service.spatialReference)
            ?? (service.extent.centerX, service.extent.centerY)
        let items = mosaicRule.orderedItems(of: service, time: time, center: center)
        let statistics: [BandStatistics?] = service.statistics
        let pixelType = service.definition.pixelType
        var blocks: [PixelBlock] = []
        for item in items {
            if let block = Resampler.sample(item.raster, onto: grid, interpolation: interpolation, pixelType: pixelType, statistics: statistics) {
                blocks.append(block)
                // With "first", a block that already covers everything hides the rest.
                if mosaicRule.operation == .first, !block.mask.contains(0) { break }
            }
        }
        var block = Mosaicker.combine(blocks, operation: mosaicRule.operation)
            ?? PixelBlock.empty(width: grid.width, height: grid.height, bandCount: service.bandCount, pixelType: pixelType, statistics: statistics)
        if let renderingRule, !renderingRule.isIdentity {
            block = try renderingRule.apply(to: block, context: RenderingContext(cellSize: grid.cellSizeInMetres, bandNames: service.definition.bandNames))
        }
        return block
    }
}
