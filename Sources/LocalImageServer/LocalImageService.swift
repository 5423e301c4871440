import LayerOptions

/// One image service of the catalog: its rasters in memory and the ArcGIS operations over
/// them (everything of an ImageServer except HTTP).
///
/// Every operation takes the request's ``ServiceParameters`` (what the HTTP side read from
/// the query string or form) and answers a value or an ``ArcGISError``. The service is
/// immutable after loading, so requests may run concurrently.
public final class LocalImageService: Sendable {
    /// The service name, as it appears in `…/services/<name>/ImageServer`.
    public let name: String
    let definition: ServiceDefinition
    /// The catalog items in OBJECTID order.
    let items: [CatalogItem]
    /// Per band, over every item's data pixels.
    let statistics: [BandStatistics]
    /// The union of the item footprints, in the service's spatial reference.
    let extent: Envelope
    /// The finest item's cell size, in service units.
    let pixelSizeX: Double
    let pixelSizeY: Double
    /// The coarsest item's cell size.
    let maxPixelSize: Double
    let fields: [CatalogField]

    var spatialReference: SpatialReference { definition.spatialReference }
    var bandCount: Int { definition.bandCount }

    init(definition: ServiceDefinition, rasters: [SourceRaster]) {
        name = definition.name
        self.definition = definition
        let reference = definition.spatialReference
        var items: [CatalogItem] = []
        for (index, (entry, raster)) in zip(definition.rasters, rasters).enumerated() {
            let footprint = raster.extent.converted(from: raster.spatialReference, to: reference)
            let cellX = footprint.width / Double(raster.width), cellY = footprint.height / Double(raster.height)
            var attributes: JSONObject = ["OBJECTID": .number(Double(index + 1))]
            for member in entry.attributes.members where member.key != "OBJECTID" { attributes[member.key] = member.value }
            attributes["LowPS"] = .number(min(cellX, cellY))
            attributes["HighPS"] = .number(max(cellX, cellY))
            attributes["CenterX"] = .number(footprint.centerX)
            attributes["CenterY"] = .number(footprint.centerY)
            attributes["Shape_Length"] = .number(2 * (footprint.width + footprint.height))
            attributes["Shape_Area"] = .number(footprint.width * footprint.height)
            var timeExtent: (start: Double, end: Double)?
            if let timeInfo = definition.timeInfo, case .number(let start)? = attributes[timeInfo.startTimeField] {
                if case .number(let end)? = attributes[timeInfo.endTimeField] { timeExtent = (start, end) } else { timeExtent = (start, start) }
            }
            items.append(CatalogItem(objectID: index + 1, raster: raster, footprint: footprint, attributes: attributes, timeExtent: timeExtent))
        }
        self.items = items
        statistics = (0..<definition.bandCount).map { BandStatistics.compute(band: $0, rasters: rasters) }
        extent = items.dropFirst().reduce(items[0].footprint) { $0.union($1.footprint) }
        pixelSizeX = items.map { $0.footprint.width / Double($0.raster.width) }.min() ?? 1
        pixelSizeY = items.map { $0.footprint.height / Double($0.raster.height) }.min() ?? 1
        maxPixelSize = items.map { max($0.footprint.width / Double($0.raster.width), $0.footprint.height / Double($0.raster.height)) }.max() ?? 1
        var dateFields: Set<String> = []
        if let timeInfo = definition.timeInfo { dateFields = [timeInfo.startTimeField, timeInfo.endTimeField] }
        fields = CatalogField.infer(from: items, dateFields: dateFields)
    }

    /// Reads a catalog file and loads its rasters.
    static func load(path: String) throws(CatalogError) -> LocalImageService {
        let definition = try ServiceDefinition(path: path)
        var rasters: [SourceRaster] = []
        for entry in definition.rasters { rasters.append(try RasterLoader.load(entry, definition: definition)) }
        return LocalImageService(definition: definition, rasters: rasters)
    }

    /// The service root, what `…/ImageServer?f=json` answers: name, description, copyright,
    /// capabilities `Image,Metadata,Catalog`, extents and spatial reference, pixel sizes,
    /// bands, pixel type, band statistics, noData, catalog fields, mosaic defaults, size
    /// and record limits, raster functions, and `timeInfo` on a time-aware service.
    public func metadata() -> JSONValue { ServiceMetadata.root(of: self) }

    /// exportImage: renders the request's extent into a PNG or JPEG. The `f` parameter,
    /// JSONP and output files are the caller's business: this always answers the image.
    ///
    /// - `bbox` `xmin,ymin,xmax,ymax` (either order of each pair) or envelope JSON; the
    ///   service's extent when absent. `bboxSR`, `imageSR`: 4326, or 3857 / 102100 / 102113 /
    ///   900913 (bare or `{"wkid":…}`); the service's reference by default.
    /// - `size` `w,h` (400,400); above `maxImageWidth`/`maxImageHeight` the error's first
    ///   detail is "The requested image exceeds the size limit.".
    /// - `format` jpgpng (JPEG unless a pixel is transparent, then RGBA PNG), png, png8,
    ///   png24, png32 (all 8-bit RGBA PNG), jpg (NoData flattened onto black).
    /// - `bandIds` (0-based, applied after the rendering rule), `noData` (one value, or one
    ///   per band) with `noDataInterpretation` (MatchAny for one value, MatchAll for a list).
    ///   NoData, the service's own noData and pixels outside every raster are transparent.
    /// - `pixelType` casts the processed values (clamped and rounded for integer types). U8
    ///   is painted as is; any other type is stretched linearly to 0…255 from the service's
    ///   band statistics (or the request's own min…max after a raster function).
    /// - `interpolation` RSP_NearestNeighbor or RSP_BilinearInterpolation; RSP_CubicConvolution
    ///   is done bilinear and RSP_Majority nearest.
    /// - `compressionQuality` JPEG quality (the service's default otherwise).
    /// - `time` `t` or `t1,t2` (`null` for an open end) keeps the catalog items whose time
    ///   extent overlaps it, on a time-aware service.
    /// - `mosaicRule` mosaicMethod None, Center, Northwest, LockRaster (lockRasterIds),
    ///   Attribute (sortField, sortValue, ascending); `where`, `fids`; mosaicOperation
    ///   MT_FIRST, MT_LAST, MT_MIN, MT_MAX, MT_MEAN (MT_BLEND as mean), MT_SUM.
    /// - `renderingRule` None, ExtractBand, Stretch, Colormap, Hillshade, NDVI,
    ///   BandArithmetic, chained through `Raster`.
    /// - `adjustAspectRatio` (true) widens the extent to the size's aspect; ``ExportedImage/extent``
    ///   reports what was rendered.
    public func exportImage(_ parameters: ServiceParameters) throws(ArcGISError) -> ExportedImage {
        try ImageExporter(service: self).export(parameters)
    }

    /// identify: the pixel value at a point (`geometry`), per-item values, and the catalog
    /// items there, honouring the mosaic and rendering rules.
    public func identify(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        try PixelIdentifier(service: self).identify(parameters)
    }

    /// query: the catalog items as a FeatureSet (or ids, or a count), filtered by `where`,
    /// `objectIds`, `time` and `geometry`, paged by `resultOffset`/`resultRecordCount`.
    public func query(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue {
        try CatalogQuery(service: self).run(parameters)
    }
}
