/// exportImage's `bandIds`: which bands (0-based) make the image, in output order.
///
/// Esri Leaflet stores them as text: an array `[3, 0, 1]` becomes `"3,0,1"`; a string is
/// kept as given once every comma-separated item is a band index.
public struct BandIDs: Sendable, Equatable {
    /// The text sent as `bandIds`, e.g. `"3,0,1"`.
    public let text: String
    /// The band indices, in order.
    public let indices: [Int]

    /// Bands from an array of indices: `[3, 0, 1]` → `"3,0,1"`.
    public init(_ indices: [Int]) throws(OptionError) {
        guard !indices.isEmpty else {
            throw OptionError(path: "bandIds", given: "[]", allowed: "list at least one band index, e.g. [3, 0, 1]")
        }
        if let negative = indices.first(where: { $0 < 0 }) {
            throw OptionError(path: "bandIds", given: String(negative), allowed: "band indices are 0-based integers, 0 or more")
        }
        self.indices = indices
        self.text = indices.map(String.init).joined(separator: ",")
    }

    /// Bands from text such as `"3,0,1"` (spaces around items are allowed and kept).
    public init(parsing text: String) throws(OptionError) {
        var indices: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingSpaces
            guard let index = Int(trimmed), index >= 0, !trimmed.hasPrefix("+") else {
                throw OptionError(path: "bandIds", value: .string(text),
                                  allowed: "expected comma-separated 0-based band indices, e.g. \"3,0,1\"")
            }
            indices.append(index)
        }
        self.indices = indices
        self.text = text
    }
}
