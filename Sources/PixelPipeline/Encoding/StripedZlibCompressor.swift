import CDeflate
import Dispatch
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Compresses an image's filtered rows as ONE zlib stream (what a PNG's IDAT data must be)
/// on all cores.
///
/// The rows are cut into horizontal stripes, each filtered and compressed on its own; the
/// stripes concatenate byte for byte into one deflate stream, and the Adler-32 of each
/// stripe's input is combined with zlib's `adler32_combine`. Stripes cannot match each
/// other's bytes: < 0.1 % larger. Two compressors:
///
/// - ``Method/fast``: `cdeflate_fast_compress` (FastDeflate.c), which ends every stripe but
///   the last on an empty stored block, so stripes join with no further work.
/// - ``Method/libdeflate(level:)``: libdeflate, which always ends on a final block. Every
///   stripe but the last is made joinable (`cdeflate_make_joinable`: its last block's BFINAL
///   bit cleared and empty blocks appended to a byte boundary, found by an inflate walk as in
///   zlib's gzjoin). The walk costs about half a level-1 compression of the same stripe
///   (39 vs 75 ms CPU; a hand-written symbol-only walker was measured no faster than zlib's
///   inflate), little next to the slow levels this method is kept for. zlib's
///   `Z_FULL_FLUSH` would need no walk, but zlib compresses at half libdeflate's speed.
enum StripedZlibCompressor {
    /// How each stripe is compressed.
    enum Method: Equatable {
        /// FastDeflate.c: greedy matching that speeds through incompressible data.
        case fast
        /// libdeflate at `level` (1 fastest ... 12 smallest), joined by an inflate walk.
        case libdeflate(level: Int32)

        /// The FLEVEL hint of the zlib header's FLG byte, with FCHECK making CMF·FLG a
        /// multiple of 31 (RFC 1950).
        var zlibFlags: UInt8 {
            switch self {
            case .fast: 0x01
            case .libdeflate(let level): level <= 1 ? 0x01 : level <= 5 ? 0x5E : level == 6 ? 0x9C : 0xDA
            }
        }
    }

    /// Stripes of at least this many filtered bytes: below it the join costs more than it saves.
    static let minimumStripeBytes = 512 * 1024
    /// Stripes of at most this many bytes, so memory and zlib's 32-bit counters stay bounded.
    static let maximumStripeBytes = 32 * 1024 * 1024
    /// With ``Method/fast``, stripes of about this many bytes, more than there are cores:
    /// the first are written while the others compress, and joining them costs nothing.
    static let streamingStripeBytes = 2 * 1024 * 1024

    /// The zlib stream of `rowCount` rows of `rowBytes` bytes each, written by `filterRows`
    /// (called concurrently for disjoint row ranges), handed to `emit` in consecutive pieces
    /// as soon as each stripe and every stripe before it are compressed: the first piece
    /// starts with the zlib header, the last ends with the Adler-32. `emit` is called from
    /// the compressing threads, one call at a time, in order; when it throws, the remaining
    /// stripes are skipped and its error is thrown.
    /// `stripes`, if given, replaces the count chosen from the cores and the size (for tests).
    static func compress(rowCount: Int, rowBytes: Int, method: Method, stripes requestedStripes: Int? = nil,
                         filterRows: @Sendable (Range<Int>, UnsafeMutablePointer<UInt8>) -> Void,
                         emit: @Sendable (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void) throws(PixelPipelineError) {
        let plan = stripes(rowCount: rowCount, rowBytes: rowBytes, method: method,
                           cores: ProcessInfo.processInfo.activeProcessorCount, requested: requestedStripes)
        // The emitter keeps `emit` only until concurrentPerform returns.
        let outcome = withoutActuallyEscaping(emit) { emit in
            let emitter = OrderedEmitter(count: plan.count, emit: emit)
            DispatchQueue.concurrentPerform(iterations: plan.count) { stripe in
                guard !emitter.hasFailed else { return }
                emitter.finished(stripe, compressStripe(rows: plan[stripe], rowBytes: rowBytes, method: method,
                                                        isFirst: stripe == 0, isLast: stripe == plan.count - 1,
                                                        filterRows: filterRows))
            }
            return Result { () throws(PixelPipelineError) in try emitter.result() }
        }
        try outcome.get()
    }

    /// Hands compressed stripes to `emit` in stripe order, whichever thread finishes them,
    /// combining their Adler-32s and appending the result to the last.
    private final class OrderedEmitter: Sendable {
        private struct State {
            var pending: [Int: (bytes: [UInt8], adler: UInt32, inputCount: Int)] = [:]
            var next = 0
            var adler: UInt = 1
            var failure: PixelPipelineError?
        }
        private let count: Int
        private let emit: @Sendable (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void
        private let state = Mutex(State())

        init(count: Int, emit: @escaping @Sendable (UnsafeRawBufferPointer) throws(PixelPipelineError) -> Void) {
            self.count = count
            self.emit = emit
        }

        var hasFailed: Bool { state.withLock { $0.failure != nil } }

        func finished(_ stripe: Int, _ result: Result<(bytes: [UInt8], adler: UInt32, inputCount: Int), PixelPipelineError>) {
            state.withLock { state in
                guard state.failure == nil else { return }
                switch result {
                case .failure(let error): state.failure = error; return
                case .success(let compressed): state.pending[stripe] = compressed
                }
                while var ready = state.pending.removeValue(forKey: state.next) {
                    state.adler = state.next == 0 ? UInt(ready.adler) : adler32_combine(state.adler, UInt(ready.adler), ready.inputCount)
                    state.next += 1
                    if state.next == count {
                        let checksum = UInt32(truncatingIfNeeded: state.adler)
                        ready.bytes += [UInt8(checksum >> 24), UInt8(truncatingIfNeeded: checksum >> 16),
                                        UInt8(truncatingIfNeeded: checksum >> 8), UInt8(truncatingIfNeeded: checksum)]
                    }
                    do throws(PixelPipelineError) {
                        try ready.bytes.withBytes { bytes throws(PixelPipelineError) in try emit(bytes) }
                    } catch {
                        state.failure = error
                        return
                    }
                }
            }
        }

        func result() throws(PixelPipelineError) {
            let (failure, next) = state.withLock { ($0.failure, $0.next) }
            if let failure { throw failure }
            guard next == count else { throw .encodingFailed(format: .png, reason: "a compressed stripe went missing") }
        }
    }

    /// The row ranges of the stripes, in order, covering `0..<rowCount`: one stripe a core
    /// (one in all on one core), none under `minimumStripeBytes` or over `maximumStripeBytes`;
    /// with ``Method/fast``, stripes of about `streamingStripeBytes` if that makes more.
    /// With libdeflate every stripe but the last pays for the inflate walk that joins it,
    /// which costs about half a level-1 compression (measured) and little next to the
    /// slower levels, so the last stripe gets proportionally more rows and all cores finish
    /// together.
    static func stripes(rowCount: Int, rowBytes: Int, method: Method, cores: Int, requested: Int?) -> [Range<Int>] {
        let totalBytes = rowCount * rowBytes
        var count = cores > 1 ? min(cores, totalBytes / minimumStripeBytes) : 1
        count = max(count, (totalBytes + maximumStripeBytes - 1) / maximumStripeBytes, 1)
        if method == .fast { count = max(count, totalBytes / streamingStripeBytes) }
        if let requested { count = requested }
        count = min(max(count, 1), rowCount)
        guard count > 1 else { return [0..<rowCount] }

        let lastWeight: Double = switch (method, requested) {
        case (_, .some), (.fast, nil): 1
        case (.libdeflate(let level), nil): level <= 1 ? 1.6 : level <= 6 ? 1.3 : 1.05
        }
        let totalWeight = Double(count - 1) + lastWeight
        var bounds = [0]
        for stripe in 1..<count {
            let end = Int((Double(stripe) / totalWeight * Double(rowCount)).rounded())
            // Every stripe keeps at least one row, and leaves one for each after it.
            bounds.append(min(max(end, bounds[stripe - 1] + 1), rowCount - (count - stripe)))
        }
        bounds.append(rowCount)
        return (0..<count).map { bounds[$0] ..< bounds[$0 + 1] }
    }

    private static func compressStripe(rows: Range<Int>, rowBytes: Int, method: Method, isFirst: Bool, isLast: Bool,
                                       filterRows: (Range<Int>, UnsafeMutablePointer<UInt8>) -> Void)
        -> Result<(bytes: [UInt8], adler: UInt32, inputCount: Int), PixelPipelineError> {
        let inputCount = rows.count * rowBytes
        let filtered = UnsafeMutablePointer<UInt8>.allocate(capacity: inputCount)
        defer { filtered.deallocate() }
        LargeBuffer.adviseHugePages(filtered, count: inputCount)
        filterRows(rows, filtered)
        let adler = libdeflate_adler32(1, filtered, inputCount)

        let compressor: DeflateCompressor?
        let bound: Int
        switch method {
        case .fast:
            compressor = nil
            bound = cdeflate_fast_compress_bound(inputCount)
        case .libdeflate(let level):
            guard let made = DeflateCompressor(level: level) else {
                return .failure(.encodingFailed(format: .png, reason: "libdeflate could not allocate a level-\(level) compressor"))
            }
            compressor = made
            bound = libdeflate_deflate_compress_bound(made.raw, inputCount) + cdeflate_join_slack
        }
        let headerCount = isFirst ? 2 : 0
        let capacity = headerCount + bound
        var failure: String?
        let bytes = [UInt8](largeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            if isFirst {
                base[0] = 0x78  // CMF: deflate, 32 KiB window
                base[1] = method.zlibFlags
            }
            let stream = base + headerCount
            var length: Int
            if let compressor {
                length = libdeflate_deflate_compress(compressor.raw, filtered, inputCount, stream, bound)
                if length == 0 {
                    failure = "libdeflate's output did not fit its own bound"
                } else if !isLast {
                    length = cdeflate_make_joinable(stream, length, bound)
                    if length == 0 { failure = "a compressed stripe could not be joined to the next" }
                }
            } else {
                length = cdeflate_fast_compress(filtered, inputCount, stream, bound, isLast ? 1 : 0)
                if length == 0 { failure = "the fast deflate encoder could not allocate its tables" }
            }
            initialized = failure == nil ? headerCount + length : 0
        }
        if let failure { return .failure(.encodingFailed(format: .png, reason: failure)) }
        return .success((bytes, adler, inputCount))
    }
}
