import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of cached response bodies. Each entry is one file named by a hash of its
/// key, holding the key (checked on read, so a hash collision is a miss), the content
/// type and the body. Writes go to a temporary file that is then renamed into place, so
/// a reader never sees half an entry. Failures to read or write are misses: the cache
/// never fails a request.
final class DiskCache: Sendable {
    struct Entry: Sendable, Equatable {
        var contentType: String?
        var body: [UInt8]
    }

    private let directory: URL
    private let maximumBytes: Int
    private let maximumAge: TimeInterval
    private static let magic = Array("IMCACHE1".utf8)

    init(_ configuration: ImageServiceClient.CacheConfiguration) {
        directory = configuration.directory
        maximumBytes = configuration.maximumBytes
        let (seconds, attoseconds) = configuration.maximumAge.components
        maximumAge = Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The key of a request: method, URL and body with every `token=` parameter removed.
    static func key(method: String, url: String, body: String?) -> String {
        method + " " + TokenRedaction.removing(url) + "\n" + TokenRedaction.removing(body ?? "")
    }

    /// The entry stored under `key` if it is younger than the maximum age.
    func read(key: String) -> Entry? {
        let file = fileURL(for: key)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let modified = attributes[.modificationDate] as? Date,
              Date().timeIntervalSince(modified) <= maximumAge,
              let data = try? Data(contentsOf: file)
        else { return nil }
        return Self.decode(Array(data), key: key)
    }

    /// Stores `entry` under `key`, then evicts the oldest entries past the size limit.
    func write(key: String, entry: Entry) {
        let bytes = Self.encode(key: key, entry: entry)
        guard bytes.count <= maximumBytes else { return }
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)")
            try Data(bytes).write(to: temporary)
            let destination = fileURL(for: key)
            if rename(temporary.path, destination.path) != 0 {
                try? manager.removeItem(at: temporary)
                return
            }
        } catch {
            return
        }
        evict()
    }

    /// Deletes the oldest entries (by modification date) until the total fits.
    private func evict() {
        let manager = FileManager.default
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        guard let files = try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys) else { return }
        var entries: [(url: URL, size: Int, modified: Date)] = []
        for file in files where file.pathExtension == "entry" {
            guard let values = try? file.resourceValues(forKeys: Set(keys)) else { continue }
            entries.append((file, values.fileSize ?? 0, values.contentModificationDate ?? .distantPast))
        }
        var total = entries.reduce(0) { $0 + $1.size }
        guard total > maximumBytes else { return }
        for entry in entries.sorted(by: { $0.modified < $1.modified }) {
            if total <= maximumBytes { break }
            if (try? manager.removeItem(at: entry.url)) != nil { total -= entry.size }
        }
    }

    private func fileURL(for key: String) -> URL {
        directory.appendingPathComponent(Self.hash(key) + ".entry")
    }

    /// Two FNV-1a 64-bit hashes with different offsets: 128 bits of file name.
    static func hash(_ key: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in key.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = second &+ (second >> 29)
        }
        return String(first, radix: 16) + "-" + String(second, radix: 16)
    }

    /// magic, key length (4 bytes), key, content-type length (4 bytes), content type, body.
    private static func encode(key: String, entry: Entry) -> [UInt8] {
        var bytes = magic
        for field in [Array(key.utf8), Array((entry.contentType ?? "").utf8)] {
            let count = UInt32(clamping: field.count)
            bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            bytes += field
        }
        bytes += entry.body
        return bytes
    }

    private static func decode(_ bytes: [UInt8], key: String) -> Entry? {
        guard bytes.starts(with: magic) else { return nil }
        var offset = magic.count
        func field() -> [UInt8]? {
            guard bytes.count - offset >= 4 else { return nil }
            let count = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }
        guard let storedKey = field(), storedKey == Array(key.utf8), let contentType = field() else { return nil }
        let type = String(decoding: contentType, as: UTF8.self)
        return Entry(contentType: type.isEmpty ? nil : type, body: Array(bytes[offset...]))
    }
}
