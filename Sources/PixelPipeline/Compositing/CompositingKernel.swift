import CCompositing

/// The C compositing kernel (`Sources/CCompositing`), compiled for several instruction
/// sets and chosen at run time, so a plain `swift build -c release` gets AVX-512 on a CPU
/// that has it without `-march` flags.
enum CompositingKernel {
    /// An instruction-set level of the kernel.
    enum Level: Int32, CaseIterable, Comparable {
        /// The target's baseline: SSE2 on x86-64, NEON on arm64.
        case portable = 0
        /// AVX2 and FMA.
        case x86_64_v3 = 1
        /// AVX-512 F, BW, DQ and VL.
        case x86_64_v4 = 2

        /// The best level this CPU runs.
        static var best: Level { Level(rawValue: ccomp_best_level()) ?? .portable }

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Composes `layers` (bottom first, already clipped) into `out`, which holds
    /// `width * height * 4` bytes; every byte is written.
    static func compose(into out: UnsafeMutablePointer<UInt8>, width: Int, height: Int,
                        layers: UnsafeBufferPointer<ccomp_layer>, level: Level) {
        ccomp_compose_level(level.rawValue, out, Int32(width), Int32(height),
                            layers.baseAddress, Int32(layers.count))
    }
}
