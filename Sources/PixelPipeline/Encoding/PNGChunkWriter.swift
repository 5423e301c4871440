import LayerOptions
import CDeflate

/// Assembles a PNG file: the signature, then chunks framed as length, type, data, CRC-32
/// (over type and data; libdeflate's CRC-32 is zlib's).
struct PNGChunkWriter {
    private(set) var bytes: [UInt8]

    init(reservingCapacity capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity + 8)
        bytes.append(contentsOf: ImageFormat.pngSignature)
    }

    mutating func append(type: [UInt8], data: [UInt8]) {
        let (head, tail) = data.withUnsafeBytes { Self.framing(type: type, data: $0) }
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: data)
        bytes.append(contentsOf: tail)
    }

    /// What goes around a chunk's data: its length and type before, its CRC-32 after.
    static func framing(type: [UInt8], data: UnsafeRawBufferPointer) -> (head: [UInt8], tail: [UInt8]) {
        precondition(type.count == 4 && data.count <= Int(Int32.max), "PNG chunk type is 4 bytes, data < 2^31")
        var crc = type.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, 4) }
        // (libdeflate returns 0 for a NULL buffer, so an empty chunk's data is not passed.)
        if let base = data.baseAddress, data.count > 0 { crc = libdeflate_crc32(crc, base, data.count) }
        return (bigEndian(UInt32(data.count)) + type, bigEndian(crc))
    }

    mutating func appendHeader(width: Int, height: Int, colorType: UInt8) {
        var data: [UInt8] = []
        for value in [UInt32(width), UInt32(height)] {
            data += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                     UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        }
        // bit depth 8, the colour type, compression 0, filter method 0, no interlace
        data += [8, colorType, 0, 0, 0]
        append(type: Array("IHDR".utf8), data: data)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
