import CLeptonKernels
#if canImport(Glibc)
import Glibc
#endif

/// A build of Lepton's C kernels (the GEMM behind every dense layer and im2col convolution,
/// and the direct convolutions). The CPU's widest build runs unless capped.
///
/// The AVX-512 and the AVX2 + FMA builds — and any other CPU with fused multiply-add that
/// runs the 8-lane build — give the same bits: each output is one chain of fused
/// multiply-adds in a fixed order (docs/ARCHITECTURE.md, "Numerics"). The baseline x86-64
/// build, for CPUs without FMA, rounds each product and sum apart and so gives other bits;
/// a run's ``NumericsFingerprint`` tells the two apart.
public enum KernelBuild: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// x86-64 without FMA: 8 lanes in SSE2, multiply then add.
    case baseline = 0
    /// 8 lanes with fused multiply-add: AVX2 + FMA (x86-64-v3), or a non-x86 CPU.
    case fma8 = 2
    /// 16 lanes: AVX-512 F/VL/BW/DQ (x86-64-v4).
    case avx512 = 3

    public static func < (a: KernelBuild, b: KernelBuild) -> Bool { a.rawValue < b.rawValue }

    /// The build that runs now.
    public static var current: KernelBuild { KernelBuild(rawValue: Int(lepton_kernels_level())) ?? .baseline }

    /// The widest build this CPU runs.
    public static var widestSupported: KernelBuild {
        KernelBuild(rawValue: Int(lepton_kernels_cpu_level())) ?? .baseline
    }

    /// Every build this CPU runs, narrowest first (on x86-64 the baseline build runs everywhere).
    public static var supported: [KernelBuild] {
        #if arch(x86_64)
        return allCases.filter { $0 <= widestSupported }
        #else
        return [.fma8]
        #endif
    }

    /// Whether this build's bits are those of every FMA build (all but ``baseline``).
    public var fusedMultiplyAdd: Bool { self != .baseline }

    /// "AVX-512 (16 lanes)", "AVX2 + FMA (8 lanes)", "baseline x86-64 (8 lanes in SSE2, no FMA)".
    public var description: String {
        switch self {
        case .avx512: return "AVX-512 (16 lanes)"
        case .fma8:
            #if arch(x86_64)
            return "AVX2 + FMA (8 lanes)"
            #else
            return "portable C with FMA (8 lanes)"
            #endif
        case .baseline: return "baseline x86-64 (8 lanes in SSE2, no FMA)"
        }
    }

    /// The value of `LEPTON_KERNELS` that selects this build as the cap.
    public var environmentName: String {
        switch self {
        case .avx512: return "avx512"
        case .fma8: return "avx2"
        case .baseline: return "baseline"
        }
    }

    /// `LEPTON_KERNELS` when it names no build (it is then ignored); nil when unset or valid.
    public static var unknownEnvironmentValue: String? {
        guard let raw = ProcessInfoLite.environment("LEPTON_KERNELS"), !raw.isEmpty else { return nil }
        let known = allCases.map(\.environmentName) + ["fma8"]
        return known.contains(raw.lowercased()) ? nil : raw
    }

    /// The build the kernels are capped at, when narrower than the CPU's widest (a test's cap
    /// or `LEPTON_KERNELS`); nil sets it back to `LEPTON_KERNELS`. Setting it is not
    /// thread-safe against kernel calls running on other threads.
    public static var cap: KernelBuild? {
        get { current < widestSupported ? current : nil }
        set { lepton_kernels_set_cap(Int32(newValue?.rawValue ?? -1)) }
    }

    /// Runs `body` with the kernels capped at `build` (or the CPU's widest, when narrower),
    /// then restores the cap from the environment. For tests that compare builds; not
    /// thread-safe against concurrent kernel calls from other threads.
    public static func capped<T>(at build: KernelBuild, _ body: () throws -> T) rethrows -> T {
        lepton_kernels_set_cap(Int32(build.rawValue))
        defer { lepton_kernels_set_cap(-1) }
        return try body()
    }
}

/// Environment access without Foundation (LeptonTensor stays Foundation-free).
enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
