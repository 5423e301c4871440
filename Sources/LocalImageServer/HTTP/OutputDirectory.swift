import Foundation

/// ArcGIS's `arcgisoutput` directory: where `exportImage?f=json` leaves the image its `href`
/// names (reference §1.2), served at
/// `/arcgis/rest/directories/arcgisoutput/<Name>_ImageServer/_ags_<uuid>.<ext>`.
///
/// It is a temporary folder of the server's own, removed when the server stops. An image
/// expires ``lifetime`` after it was written: it is then no longer served, and it is deleted
/// the next time an image is written to the same service's folder.
final class OutputDirectory: Sendable {
    /// An image read back for serving.
    struct StoredImage: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    /// The folder, e.g. `/tmp/imagemap-arcgisoutput-<uuid>`.
    let root: String
    /// Seconds an image stays available after it is written.
    let lifetime: Double

    /// Creates a new, empty folder under the system's temporary directory.
    init(lifetime: Double = 600) throws {
        let root = NSTemporaryDirectory() + "imagemap-arcgisoutput-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        self.root = root
        self.lifetime = lifetime
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

    /// Writes `bytes` as a new `_ags_<uuid>.<ext>` in the service's folder, first deleting
    /// that folder's expired images, and returns the path below `arcgisoutput/`.
    func store(_ bytes: [UInt8], service: String, fileExtension: String) throws -> String {
        let folder = Self.folderName(service: service)
        let directory = root + "/" + folder
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        removeExpired(in: directory)
        let name = "_ags_" + UUID().uuidString.lowercased() + "." + fileExtension
        let path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
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

    private func removeExpired(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let now = Date()
        for name in names {
            let path = directory + "/" + name
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) >= lifetime
            {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
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
