import Foundation
import ImageServiceClient
import LayerOptions
import RequestPlanning

/// `layer.query()`: a query of the service's raster catalog, configured by chaining, then
/// run. Each call returns a new query, as Esri Leaflet's setters return the task.
///
/// ```swift
/// let result = try await layer.query().where("CloudCover < 10").orderBy("AcquisitionDate").limit(5).run()
/// ```
public struct LayerQuery: Sendable {
    /// The request being built.
    public private(set) var task: QueryTask
    let client: ImageServiceClient

    /// A catalog query: features, with the answer as GeoJSON (reversed, as Esri Leaflet's).
    public struct Result: Sendable, Equatable {
        /// A GeoJSON FeatureCollection of the catalog items.
        public let features: JSONValue
        /// The service's own answer.
        public let response: JSONValue
    }

    public func `where`(_ clause: String) -> LayerQuery { changed { $0.where(clause) } }
    public func fields(_ names: [String]) -> LayerQuery { changed { $0.fields(names) } }
    public func featureIds(_ ids: [Int]) -> LayerQuery { changed { $0.featureIds(ids) } }
    public func returnGeometry(_ flag: Bool) -> LayerQuery { changed { $0.returnGeometry(flag) } }
    public func limit(_ count: Int) -> LayerQuery { changed { $0.limit(count) } }
    public func offset(_ count: Int) -> LayerQuery { changed { $0.offset(count) } }
    public func orderBy(_ field: String, descending: Bool = false) -> LayerQuery { changed { $0.orderBy(field, descending: descending) } }
    public func between(_ from: Date, _ to: Date) -> LayerQuery { changed { $0.between(from, to) } }
    public func pixelSize(x: Double, y: Double) -> LayerQuery { changed { $0.pixelSize(x: x, y: y) } }

    /// `run()`: the catalog items.
    public func run() async throws(ImageServiceClientError) -> Result {
        let response = try await client.query(task)
        let features = IdentifyResult.object(response).map { FeatureCollection(arcGIS: $0).json } ?? FeatureCollection(arcGIS: [:]).json
        return Result(features: features, response: response)
    }

    /// `count()`: how many items match.
    public func count() async throws(ImageServiceClientError) -> Int {
        let response = try await client.query(task, returning: .count)
        guard case .number(let count)? = IdentifyResult.object(response)?["count"] else { return 0 }
        return Int(count)
    }

    /// `ids()`: the object ids of the matching items.
    public func ids() async throws(ImageServiceClientError) -> [Int] {
        let response = try await client.query(task, returning: .ids)
        guard case .array(let ids)? = IdentifyResult.object(response)?["objectIds"] else { return [] }
        return ids.compactMap { if case .number(let id) = $0 { Int(id) } else { nil } }
    }

    /// `bounds()`: the extent of the matching items, as the service gives it.
    public func bounds() async throws(ImageServiceClientError) -> JSONValue {
        try await client.query(task, returning: .extent)
    }

    private func changed(_ change: (inout QueryTask) -> Void) -> LayerQuery {
        var copy = self
        change(&copy.task)
        return copy
    }
}
