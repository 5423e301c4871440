import LayerOptions

/// The service root JSON (`…/ImageServer?f=json`), with the fields of reference §3 that
/// apply to a local mosaic of rasters.
enum ServiceMetadata {
    /// The version the root reports.
    static let currentVersion = 11.1

    /// The raster functions a rendering rule may name, as `rasterFunctionInfos` lists them.
    static let rasterFunctionInfos: [(name: String, description: String)] = [
        ("None", "A No-Op Function."),
        ("ExtractBand", "Selects bands by BandIDs (0-based) or BandNames."),
        ("Stretch", "StretchType 0 None, 3 StandardDeviation, 5 MinMax, 6 PercentClip; Min, Max, Statistics, DRA."),
        ("Colormap", "Colormap [[value,r,g,b],…] or ColormapName NDVI, Elevation, Gray."),
        ("Hillshade", "Azimuth (315), Altitude (45), ZFactor (1)."),
        ("NDVI", "VisibleBandID, InfraredBandID (0-based); U8 NDVI*100+100, or F32 with ScientificOutput."),
        ("BandArithmetic", "Method 1 NDVI with BandIndexes \"NIR Red\" (1-based), Method 0 an expression such as (B4 - B1)/(B4 + B1)."),
    ]

    static func root(of service: LocalImageService) -> JSONValue {
        let definition = service.definition
        let reference = service.spatialReference
        let extent = service.extent.json(reference)
        var root: JSONObject = [
            "currentVersion": .number(currentVersion),
            "serviceDescription": .string(definition.description),
            "name": .string(service.name),
            "description": .string(definition.description),
            "type": "ImageServer",
            "copyrightText": .string(definition.copyrightText),
            "capabilities": "Image,Metadata,Catalog",
            "extent": extent,
            "initialExtent": extent,
            "fullExtent": extent,
            "spatialReference": reference.json,
            "pixelSizeX": .number(service.pixelSizeX),
            "pixelSizeY": .number(service.pixelSizeY),
            "minPixelSize": .number(min(service.pixelSizeX, service.pixelSizeY)),
            "maxPixelSize": .number(service.maxPixelSize),
            "bandCount": .number(Double(service.bandCount)),
            "bandNames": .array(definition.bandNames.map { .string($0) }),
            "pixelType": .string(definition.pixelType.rawValue),
            "serviceDataType": .string(definition.serviceDataType),
            "serviceSourceType": service.items.count > 1 ? "esriImageServiceSourceTypeMosaicDataset" : "esriImageServiceSourceTypeDataset",
            "minValues": .array(service.statistics.map { .number($0.min) }),
            "maxValues": .array(service.statistics.map { .number($0.max) }),
            "meanValues": .array(service.statistics.map { .number($0.mean) }),
            "stdvValues": .array(service.statistics.map { .number($0.standardDeviation) }),
        ]
        if let noData = definition.noDataValue {
            root["noDataValue"] = .number(noData)
            root["noDataValues"] = .array(Array(repeating: .number(noData), count: service.bandCount))
        }
        root["objectIdField"] = "OBJECTID"
        root["fields"] = .array(service.fields.map(\.json))
        root["defaultMosaicMethod"] = .string(definition.defaultMosaicMethod.shortName)
        root["allowedMosaicMethods"] = .string(MosaicMethod.allowedNames)
        root["sortField"] = .string(definition.sortField)
        root["sortValue"] = definition.sortValue.isEmpty ? .null : .string(definition.sortValue)
        root["sortAscending"] = .bool(definition.sortAscending)
        root["mosaicOperator"] = .string(definition.mosaicOperation.shortName)
        root["maxImageHeight"] = .number(Double(definition.maxImageHeight))
        root["maxImageWidth"] = .number(Double(definition.maxImageWidth))
        root["maxRecordCount"] = .number(Double(definition.maxRecordCount))
        root["maxDownloadImageCount"] = 0
        root["maxMosaicImageCount"] = .number(Double(service.items.count))
        root["allowRasterFunction"] = true
        root["rasterFunctionInfos"] = .array(rasterFunctionInfos.map { ["name": .string($0.name), "description": .string($0.description), "help": ""] })
        if let timeInfo = definition.timeInfo {
            let starts = service.items.compactMap { $0.timeExtent?.start }, ends = service.items.compactMap { $0.timeExtent?.end }
            var time: JSONObject = [
                "startTimeField": .string(timeInfo.startTimeField),
                "endTimeField": .string(timeInfo.endTimeField),
                "timeExtent": starts.isEmpty ? .null : [.number(starts.min() ?? 0), .number(ends.max() ?? 0)],
                "timeReference": .null,
            ]
            if let interval = timeInfo.defaultTimeInterval { time["defaultTimeInterval"] = .number(interval) }
            if let units = timeInfo.defaultTimeIntervalUnits { time["defaultTimeIntervalUnits"] = .string(units) }
            root["timeInfo"] = .object(time)
        }
        root["hasMultidimensions"] = false
        root["hasHistograms"] = false
        root["hasColormap"] = false
        root["hasRasterAttributeTable"] = false
        root["defaultResamplingMethod"] = .string(definition.defaultInterpolation == .nearestNeighbor ? "Nearest" : "Bilinear")
        root["defaultCompressionQuality"] = .number(Double(definition.defaultCompressionQuality))
        root["supportsStatistics"] = false
        root["supportsAdvancedQueries"] = false
        root["exportTilesAllowed"] = false
        root["singleFusedMapCache"] = false
        return .object(root)
    }
}
