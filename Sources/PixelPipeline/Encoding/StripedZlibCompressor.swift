import CDeflate
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Compresses an image's filtered rows as ONE zlib stream (what a PNG's IDAT data must be)
/// on all cores.
///
/// The rows are cut into horizontal stripes. Each stripe is filtered and compressed by
/// libdeflate as a complete raw deflate stream; every stripe but the last is then made
/// joinable (`cdeflate_make_joinable`: its last block's BFINAL bit cleared and empty blocks
/// appended to a byte boundary, found by an inflate walk as in zlib's gzjoin), so the stripes
/// concatenate byte for byte into one valid deflate stream. The Adler-32 of each stripe's
/// input is combined with zlib's `adler32_combine`. libdeflate has no flush, and zlib's
/// `Z_FULL_FLUSH` would do this without the walk but compresses at half libdeflate's speed.
/// Stripes cannot see each other's bytes as matches, which costs < 0.1 % of the size.
enum StripedZlibCompressor {
    /// Stripes of at least this many filtered bytes: below it the join costs more than it saves.
    static let minimumStripeBytes = 512 * 1024
    /// Stripes of at most this many bytes, so memory and zlib's 32-bit counters stay bounded.
    static let maximumStripeBytes = 32 * 1024 * 1024

    /// The zlib stream of `rowCount` rows of `rowBytes` bytes each, written by `filterRows`
    /// (called concurrently for disjoint row ranges), as consecutive pieces: the first
    /// starts with the zlib header, the last ends with the Adler-32.
    /// `stripes`, if given, replaces the count chosen from the cores and the size (for tests).
    static func compress(rowCount: Int, rowBytes: Int, level: Int32, stripes requestedStripes: Int? = nil,
                         filterRows: @Sendable (Range<Int>, UnsafeMutablePointer<UInt8>) -> Void) throws(PixelPipelineError) -> [[UInt8]] {
        let totalBytes = rowCount * rowBytes
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var stripeCount = cores > 1 ? min(cores * 2, totalBytes / minimumStripeBytes) : 1
        stripeCount = max(stripeCount, (totalBytes + maximumStripeBytes - 1) / maximumStripeBytes, 1)
        if let requestedStripes { stripeCount = min(max(requestedStripes, 1), rowCount) }
        let rowsPerStripe = (rowCount + stripeCount - 1) / stripeCount
        let stripes = (rowCount + rowsPerStripe - 1) / rowsPerStripe

        let results = ResultSlots<(bytes: [UInt8], adler: UInt32, inputCount: Int)>(count: stripes)
        if stripes == 1 {
            results.store(compressStripe(rows: 0..<rowCount, rowBytes: rowBytes, level: level, isFirst: true, isLast: true,
                                         filterRows: filterRows), at: 0)
        } else {
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                results.store(compressStripe(rows: stripe * rowsPerStripe ..< min(rowCount, (stripe + 1) * rowsPerStripe), rowBytes: rowBytes, level: level,
                                             isFirst: stripe == 0, isLast: stripe == stripes - 1,
                                             filterRows: filterRows), at: stripe)
            }
        }

        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(stripes)
        var adler: UInt = 1
        for result in results.collect() {
            let stripe = try result.get()
            adler = pieces.isEmpty
                ? UInt(stripe.adler)
                : adler32_combine(adler, UInt(stripe.adler), stripe.inputCount)
            pieces.append(stripe.bytes)
        }
        let checksum = UInt32(truncatingIfNeeded: adler)
        pieces[pieces.count - 1].append(contentsOf: [UInt8(checksum >> 24), UInt8(truncatingIfNeeded: checksum >> 16),
                                                     UInt8(truncatingIfNeeded: checksum >> 8), UInt8(truncatingIfNeeded: checksum)])
        return pieces
    }

    private static func compressStripe(rows: Range<Int>, rowBytes: Int, level: Int32, isFirst: Bool, isLast: Bool,
                                       filterRows: (Range<Int>, UnsafeMutablePointer<UInt8>) -> Void)
        -> Result<(bytes: [UInt8], adler: UInt32, inputCount: Int), PixelPipelineError> {
        let inputCount = rows.count * rowBytes
        let filtered = UnsafeMutablePointer<UInt8>.allocate(capacity: inputCount)
        defer { filtered.deallocate() }
        filterRows(rows, filtered)
        let adler = libdeflate_adler32(1, filtered, inputCount)

        guard let compressor = DeflateCompressor(level: level) else {
            return .failure(.encodingFailed(format: .png, reason: "libdeflate could not allocate a level-\(level) compressor"))
        }
        let headerCount = isFirst ? 2 : 0
        let capacity = headerCount + libdeflate_deflate_compress_bound(compressor.raw, inputCount) + cdeflate_join_slack
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            if isFirst {
                // CMF 0x78: deflate, 32 KiB window. FLG: the level hint, then FCHECK.
                base[0] = 0x78
                base[1] = level <= 1 ? 0x01 : level <= 5 ? 0x5E : level == 6 ? 0x9C : 0xDA
            }
            let stream = base + headerCount
            var length = libdeflate_deflate_compress(compressor.raw, filtered, inputCount, stream, capacity - headerCount)
            if length == 0 {
                failure = "libdeflate's output did not fit its own bound"
            } else if !isLast {
                length = cdeflate_make_joinable(stream, length, capacity - headerCount)
                if length == 0 { failure = "a compressed stripe could not be joined to the next" }
            }
            initialized = failure == nil ? headerCount + length : 0
        }
        if let failure { return .failure(.encodingFailed(format: .png, reason: failure)) }
        return .success((bytes, adler, inputCount))
    }
}
