#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON an ArcGIS server sends instead of an image when a request fails:
/// `{"error":{"code":400,"message":"...","details":["..."]}}`.
struct ArcGISErrorBody: Decodable, Equatable {
    var code: Int
    var message: String
    var details: [String]

    private struct Envelope: Decodable {
        var error: ArcGISErrorBody
    }

    private enum CodingKeys: String, CodingKey {
        case code, message, details
    }

    init(code: Int, message: String, details: [String]) {
        self.code = code
        self.message = message
        self.details = details
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Servers send the code as a number; a few proxies send it as a string.
        if let number = try? container.decode(Int.self, forKey: .code) {
            code = number
        } else if let text = try? container.decode(String.self, forKey: .code), let number = Int(text) {
            code = number
        } else {
            code = 0
        }
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        details = (try? container.decodeIfPresent([String].self, forKey: .details)) ?? []
    }

    /// The error in `bytes`, or `nil` if they are not JSON of this shape.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> ArcGISErrorBody? {
        // Error bodies are small; anything huge is not one.
        guard bytes.count <= 1 << 20 else { return nil }
        return try? JSONDecoder().decode(Envelope.self, from: Data(bytes)).error
    }
}
