import Foundation
import Synchronization

/// ArcGIS's `arcgisoutput` directory: where `exportImage?f=json` leaves the image its `href`
/// names (reference §1.2), served at
/// `/arcgis/rest/directories/arcgisoutput/<Name>_ImageServer/_ags_<uuid>.<ext>`.
///
/// It is a temporary folder of the server's own, removed when the server stops. An image
/// expires ``lifetime`` after it was written: it is then no longer served, and it is deleted
/// when a later image is stored. So that a long run of `f=json` exports cannot fill the disk,
/// the oldest images are also deleted, expired or not, once all of them together pass
/// ``byteLimit``. Only the images written since the last store are ever examined.
final class OutputDirectory: Sendable {
    /// One stored image, oldest first.
    private struct Entry {
        var path: String
        var bytes: Int
        var time: Date
    }

    /// The images in the order they were written, from `head` on, and their total size.
    private struct Ledger {
        var entries: [Entry] = []
        var head = 0
        var totalBytes = 0
    }

    /// An image read back for serving.
    struct StoredImage: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    /// The folder, e.g. `/tmp/imagemap-arcgisoutput-<uuid>`.
    let root: String
    /// Seconds an image stays available after it is written.
    let lifetime: Double
    /// The most bytes of images kept at once.
    let byteLimit: Int
    private let ledger = Mutex(Ledger())

    /// Creates a new, empty folder under the system's temporary directory. Images live
    /// `lifetime` seconds (10 minutes, as ArcGIS Server's default cleaning interval), in at
    /// most `byteLimit` bytes (512 MiB).
    init(lifetime: Double = 600, byteLimit: Int = 512 << 20) throws {
        let root = NSTemporaryDirectory() + "imagemap-arcgisoutput-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        self.root = root
        self.lifetime = lifetime
        self.byteLimit = byteLimit
    }

    /// The name of a service's folder: `<Name>_ImageServer`, any character of the name other
    /// than a letter, digit, `_` or `-` written as `_` so that the folder needs no escaping.
    static func folderName(service: String) -> String {
        let safe = service.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": String(scalar)
            default: "_"
            }
        }
        return safe.joined() + "_ImageServer"
    }

    /// Writes `bytes` as a new `_ags_<uuid>.<ext>` in the service's folder, deletes the
    /// images that expired or no longer fit in ``byteLimit``, and returns the path below
    /// `arcgisoutput/`.
    func store(_ bytes: [UInt8], service: String, fileExtension: String) throws -> String {
        let folder = Self.folderName(service: service)
        let directory = root + "/" + folder
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = "_ags_" + UUID().uuidString.lowercased() + "." + fileExtension
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let now = Date()
        let victims = ledger.withLock { ledger -> [String] in
            ledger.entries.append(Entry(path: path, bytes: bytes.count, time: now))
            ledger.totalBytes += bytes.count
            var victims: [String] = []
            // Never the image just written: its href is about to be answered.
            while ledger.head < ledger.entries.count - 1 {
                let oldest = ledger.entries[ledger.head]
                guard now.timeIntervalSince(oldest.time) >= lifetime || ledger.totalBytes > byteLimit else { break }
                victims.append(oldest.path)
                ledger.totalBytes -= oldest.bytes
                ledger.head += 1
            }
            if ledger.head > 1024, ledger.head * 2 > ledger.entries.count {
                ledger.entries.removeFirst(ledger.head)
                ledger.head = 0
            }
            return victims
        }
        for victim in victims { try? FileManager.default.removeItem(atPath: victim) }
        return folder + "/" + name
    }

    /// The image at `folder/file`, or `nil` if there is none, it has expired, or the names
    /// are not ones ``store(_:service:fileExtension:)`` makes (so no path can leave the folder).
    func image(folder: String, file: String) -> StoredImage? {
        guard Self.isSafeName(folder), Self.isSafeName(file), file.hasPrefix("_ags_"),
            let contentType = Self.contentType(ofFile: file)
        else { return nil }
        let path = root + "/" + folder + "/" + file
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date,
            Date().timeIntervalSince(modified) < lifetime,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return StoredImage(bytes: [UInt8](data), contentType: contentType)
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Letters, digits, `_`, `-` and `.`, not starting with a dot.
    private static func isSafeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".": true
            default: false
            }
        }
    }

    /// The media type of an image file by its extension.
    static func contentType(ofFile name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "bmp": return "image/bmp"
        case "tif", "tiff": return "image/tiff"
        default: return "application/octet-stream"
        }
    }
}
