// TEMPORARY: the engine's API contract (branch server-engine), stubbed so the HTTP side
// builds and is tested before the engine lands. Deleted by the merge of server-engine.
import LayerOptions

public struct ServiceParameters: Sendable {
    let pairs: [(name: String, value: String)]
    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs.map { (name: $0.name.lowercased(), value: $0.value.trimmingWhitespace()) }
            .filter { !$0.value.isEmpty }
    }
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return pairs.last { $0.name == key }?.value
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

public struct ArcGISError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let message: String
    public let details: [String]
    public init(code: Int, message: String, details: [String]) {
        self.code = code
        self.message = message
        self.details = details
    }
    public var json: JSONValue {
        ["error": ["code": .number(Double(code)), "message": .string(message), "details": .array(details.map { .string($0) })]]
    }
    public var description: String { "\(code) \(message) \(details.joined(separator: "; "))" }
}

public final class ImageServiceCatalog: Sendable {
    public let services: [LocalImageService]
    public init(directory: String) throws { services = [LocalImageService(name: "Stub")] }
    init(services: [LocalImageService]) { self.services = services }
    public func service(named name: String) -> LocalImageService? { services.first { $0.name == name } }
}

public final class LocalImageService: Sendable {
    public let name: String
    init(name: String) { self.name = name }
    public func metadata() -> JSONValue { ["name": .string(name), "currentVersion": 11.1] }
    public func exportImage(_ parameters: ServiceParameters) throws(ArcGISError) -> ExportedImage {
        guard let bbox = parameters["bbox"] else {
            throw ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: ["bbox is required"])
        }
        let numbers = bbox.split(separator: ",").compactMap { Double($0) }
        guard numbers.count == 4 else {
            throw ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: ["bbox '\(bbox)' is not 4 numbers"])
        }
        let size = (parameters["size"] ?? "400,400").split(separator: ",").compactMap { Int($0) }
        guard size.count == 2, size.allSatisfy({ $0 > 0 && $0 <= 4100 }) else {
            throw ArcGISError(code: 400, message: "Error exporting image", details: ["The requested image exceeds the size limit."])
        }
        if let rule = parameters["renderingRule"] {
            do { _ = try JSONParser.parse(rule) } catch {
                throw ArcGISError(code: 400, message: "Invalid or missing input parameters.", details: ["renderingRule: \(error)"])
            }
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return ExportedImage(
            bytes: png, contentType: "image/png", fileExtension: "png", width: size[0], height: size[1],
            extent: ["xmin": .number(numbers[0]), "ymin": .number(numbers[1]), "xmax": .number(numbers[2]), "ymax": .number(numbers[3])])
    }
    public func identify(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue { ["value": "1"] }
    public func query(_ parameters: ServiceParameters) throws(ArcGISError) -> JSONValue { ["features": []] }
}

public struct ExportedImage: Sendable {
    public let bytes: [UInt8]
    public let contentType: String
    public let fileExtension: String
    public let width: Int
    public let height: Int
    public let extent: JSONValue
}
