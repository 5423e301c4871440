import Foundation
import LayerOptions

/// A service as its catalog file describes it (see `examples/catalog/README.md` for the
/// schema), before its rasters are loaded.
struct ServiceDefinition: Sendable {
    struct RasterEntry: Sendable {
        enum Source: Sendable {
            /// A PNG or JPEG file; absolute, or relative to the catalog file.
            case file(String)
            /// A ``RasterGenerator`` recipe.
            case generated(recipe: String, width: Int, height: Int)
        }
        let source: Source
        let extent: Envelope
        let spatialReference: SpatialReference
        let attributes: JSONObject
    }

    struct TimeInfo: Sendable {
        let startTimeField: String
        let endTimeField: String
        let defaultTimeInterval: Double?
        let defaultTimeIntervalUnits: String?
    }

    let path: String
    let name: String
    let description: String
    let copyrightText: String
    let spatialReference: SpatialReference
    let bandNames: [String]
    let pixelType: PixelType
    let serviceDataType: String
    let noDataValue: Double?
    let defaultInterpolation: Interpolation
    let defaultMosaicMethod: MosaicMethod
    let mosaicOperation: MosaicOperation
    let sortField: String
    let sortValue: String
    let sortAscending: Bool
    let maxImageWidth: Int
    let maxImageHeight: Int
    let maxRecordCount: Int
    let defaultCompressionQuality: Int
    let timeInfo: TimeInfo?
    let rasters: [RasterEntry]

    var bandCount: Int { bandNames.count }

    /// Reads and checks a catalog file.
    init(path: String) throws(CatalogError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(path: path, reason: "cannot read the file")
        }
        let json: JSONValue
        do { json = try JSONParser.parse([UInt8](data)) } catch {
            throw CatalogError(path: path, reason: "\(error)")
        }
        let reader = CatalogFileReader(path: path)
        guard case .object(let root) = json else { throw reader.error("the file must hold one JSON object") }
        self.path = path
        name = try reader.string(root, "name")
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw reader.error("\"name\" must be letters, digits and underscores (it becomes the URL path), got '\(name)'")
        }
        description = try reader.optionalString(root, "description") ?? ""
        copyrightText = try reader.optionalString(root, "copyrightText") ?? ""
        spatialReference = try reader.spatialReference(root["spatialReference"], key: "spatialReference")
        guard case .array(let names)? = root["bandNames"], !names.isEmpty else {
            throw reader.error("\"bandNames\" must be a non-empty array of strings, one per band")
        }
        bandNames = try names.map { (value: JSONValue) throws(CatalogError) -> String in
            guard case .string(let name) = value else { throw reader.error("\"bandNames\" must hold strings") }
            return name
        }
        let typeName = try reader.optionalString(root, "pixelType") ?? "U8"
        guard let pixelType = PixelType(rawValue: typeName), [.U8, .S8, .U16, .S16, .U32, .S32, .F32, .F64].contains(pixelType) else {
            throw reader.error("\"pixelType\" '\(typeName)' is not one of U8, S8, U16, S16, U32, S32, F32, F64")
        }
        self.pixelType = pixelType
        serviceDataType = try reader.optionalString(root, "serviceDataType") ?? "esriImageServiceDataTypeGeneric"
        noDataValue = try reader.optionalNumber(root, "noDataValue")
        let resampling = try reader.optionalString(root, "defaultResamplingMethod") ?? "Bilinear"
        switch resampling.lowercased() {
        case "bilinear": defaultInterpolation = .bilinear
        case "nearest", "nearestneighbor": defaultInterpolation = .nearestNeighbor
        default: throw reader.error("\"defaultResamplingMethod\" must be Bilinear or Nearest, got '\(resampling)'")
        }
        let method = try reader.optionalString(root, "defaultMosaicMethod") ?? "Northwest"
        guard let mosaicMethod = MosaicMethod(name: method) else {
            throw reader.error("\"defaultMosaicMethod\" '\(method)' is not one of \(MosaicMethod.allowedNames)")
        }
        defaultMosaicMethod = mosaicMethod
        let operation = try reader.optionalString(root, "mosaicOperator") ?? "First"
        guard let mosaicOperation = MosaicOperation(name: operation) else {
            throw reader.error("\"mosaicOperator\" '\(operation)' is not one of First, Last, Min, Max, Mean, Sum")
        }
        self.mosaicOperation = mosaicOperation
        sortField = try reader.optionalString(root, "sortField") ?? ""
        sortValue = try reader.optionalString(root, "sortValue") ?? ""
        sortAscending = try reader.optionalBool(root, "sortAscending") ?? true
        maxImageWidth = try reader.optionalInteger(root, "maxImageWidth", range: 1...65_000) ?? 4100
        maxImageHeight = try reader.optionalInteger(root, "maxImageHeight", range: 1...65_000) ?? 4100
        maxRecordCount = try reader.optionalInteger(root, "maxRecordCount", range: 1...1_000_000) ?? 1000
        defaultCompressionQuality = try reader.optionalInteger(root, "defaultCompressionQuality", range: 1...100) ?? 75
        if case .object(let time)? = root["timeInfo"] {
            let start = try reader.string(time, "startTimeField")
            timeInfo = TimeInfo(startTimeField: start, endTimeField: try reader.optionalString(time, "endTimeField") ?? start,
                                defaultTimeInterval: try reader.optionalNumber(time, "defaultTimeInterval"),
                                defaultTimeIntervalUnits: try reader.optionalString(time, "defaultTimeIntervalUnits"))
        } else {
            timeInfo = nil
        }
        guard case .array(let rasterValues)? = root["rasters"], !rasterValues.isEmpty else {
            throw reader.error("\"rasters\" must be a non-empty array of raster entries")
        }
        var rasters: [RasterEntry] = []
        for (index, value) in rasterValues.enumerated() {
            rasters.append(try reader.rasterEntry(value, index: index, serviceReference: spatialReference, bandCount: bandNames.count))
        }
        self.rasters = rasters
    }
}

/// Reads members of a catalog file with errors that name the file and the member.
struct CatalogFileReader {
    let path: String

    func error(_ reason: String) -> CatalogError { CatalogError(path: path, reason: reason) }

    func string(_ object: JSONObject, _ key: String) throws(CatalogError) -> String {
        guard let value = try optionalString(object, key) else { throw error("\"\(key)\" is required (a string)") }
        return value
    }

    func optionalString(_ object: JSONObject, _ key: String) throws(CatalogError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case let value?: throw error("\"\(key)\" must be a string, got \(value.typeDescription)")
        }
    }

    func optionalNumber(_ object: JSONObject, _ key: String) throws(CatalogError) -> Double? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        case let value?: throw error("\"\(key)\" must be a number, got \(value.typeDescription)")
        }
    }

    func optionalBool(_ object: JSONObject, _ key: String) throws(CatalogError) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let value?: throw error("\"\(key)\" must be true or false, got \(value.typeDescription)")
        }
    }

    func optionalInteger(_ object: JSONObject, _ key: String, range: ClosedRange<Int>) throws(CatalogError) -> Int? {
        guard let number = try optionalNumber(object, key) else { return nil }
        guard number.rounded() == number, let value = Int(exactly: number), range.contains(value) else {
            throw error("\"\(key)\" must be an integer in \(range.lowerBound)...\(range.upperBound), got \(JavaScriptNumber.string(number))")
        }
        return value
    }

    func spatialReference(_ value: JSONValue?, key: String) throws(CatalogError) -> SpatialReference {
        switch value {
        case .number(let wkid)?:
            guard let reference = SpatialReference(wkid: Int(wkid)) else {
                throw error("\"\(key)\" \(JavaScriptNumber.string(wkid)) is not supported; use 4326 or 3857 (102100)")
            }
            return reference
        case let value?:
            do { return try SpatialReference.parse(value, parameter: key) } catch { throw self.error(error.details.joined()) }
        case nil:
            throw error("\"\(key)\" is required: 4326 or 3857")
        }
    }

    func rasterEntry(_ value: JSONValue, index: Int, serviceReference: SpatialReference, bandCount: Int)
        throws(CatalogError) -> ServiceDefinition.RasterEntry
    {
        let label = "rasters[\(index)]"
        guard case .object(let object) = value else { throw error("\(label) must be an object") }
        let source: ServiceDefinition.RasterEntry.Source
        if let file = try optionalString(object, "file") {
            guard bandCount <= 3 else { throw error("\(label): a PNG or JPEG file gives at most 3 bands, the service names \(bandCount)") }
            let resolved = file.hasPrefix("/") ? file
                : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
            source = .file(resolved)
        } else if case .object(let generated)? = object["generated"] {
            let recipe = try string(generated, "recipe")
            guard let recipeBands = RasterGenerator.bandCount(recipe: recipe) else {
                throw error("\(label): unknown recipe '\(recipe)'; known: \(RasterGenerator.recipes.joined(separator: ", "))")
            }
            guard recipeBands == bandCount else {
                throw error("\(label): recipe '\(recipe)' makes \(recipeBands) band(s), the service names \(bandCount)")
            }
            guard let width = try optionalInteger(generated, "width", range: 1...20_000),
                  let height = try optionalInteger(generated, "height", range: 1...20_000) else {
                throw error("\(label): a generated raster needs \"width\" and \"height\"")
            }
            source = .generated(recipe: recipe, width: width, height: height)
        } else {
            throw error("\(label) needs \"file\" (a path) or \"generated\" ({\"recipe\":…,\"width\":…,\"height\":…})")
        }
        guard let extentValue = object["extent"], let extent = Envelope(json: extentValue), extent.width > 0, extent.height > 0 else {
            throw error("\(label) needs \"extent\": {\"xmin\":…,\"ymin\":…,\"xmax\":…,\"ymax\":…} with xmin < xmax and ymin < ymax")
        }
        let reference = object["spatialReference"] == nil ? serviceReference
            : try spatialReference(object["spatialReference"], key: "\(label).spatialReference")
        var attributes = JSONObject()
        if case .object(let given)? = object["attributes"] { attributes = given }
        return ServiceDefinition.RasterEntry(source: source, extent: extent, spatialReference: reference, attributes: attributes)
    }
}
