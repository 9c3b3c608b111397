import Dispatch
import LeptonCore
import LeptonTensor

/// Which clock turns work into emulated time. Every report carries it.
///
/// - Measured: each operation really runs on the host with the tier's `threadsPerJob` as
///   the thread limit, its wall time is measured and scaled: t_tier = t_host ÷ s for a
///   tier of relative speed s, or t_host · R_host ÷ r for a tier of calibrated per-core
///   rate r (R_host: ``referenceRate``, the host's per-core rate).
/// - Modelled: t = round_ns(FLOPs ÷ r_job) with r_job = r · threadsPerJob (· int8Speedup
///   for int8 layers), where r = s · ``referenceRate`` for a relative speed s. No wall
///   time is read, so numbers are bit-identical across runs, thread counts and machines.
///   Operations without FLOPs (packing, unpacking) are charged a documented number of
///   operations per element (see ``TransferEncoding``).
public struct Clock: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The two clocks.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Host wall time scaled by tier speed.
        case measured
        /// FLOPs ÷ calibrated rate.
        case modelled
    }

    /// Measured or modelled.
    public let kind: Kind
    /// Modelled: the per-core rate of a tier with relative speed 1. Measured: the host's
    /// per-core rate, used only for tiers whose speed is a FLOP rate.
    public let referenceRate: FLOPRate

    /// The modelled clock; `reference` is the per-core rate of a relative-speed-1 tier.
    public static func modelled(reference: FLOPRate = .gigaFLOPS(10)) -> Clock {
        Clock(kind: .modelled, referenceRate: reference)
    }

    /// The measured clock; `hostRate` (e.g. from ``calibrateHostRate(size:repeats:)``) is
    /// needed only for tiers whose speed is given as a FLOP rate.
    public static func measured(hostRate: FLOPRate = .gigaFLOPS(10)) -> Clock {
        Clock(kind: .measured, referenceRate: hostRate)
    }

    /// Measures one host core's Float32 GEMM rate: the best of `repeats` n×n×n products
    /// (2n³ FLOPs each) on one thread.
    public static func calibrateHostRate(size n: Int = 256, repeats: Int = 5) -> FLOPRate {
        let a = Tensor(zeros: [n, n]), b = Tensor(zeros: [n, n]), c = Tensor(zeros: [n, n])
        var rng = SeededGenerator(seed: 1, stream: "calibration")
        for i in 0..<a.count { a[i] = rng.uniform(-1, 1); b[i] = rng.uniform(-1, 1) }
        var best = Double.infinity
        BLAS.singleThreaded {
            for _ in 0..<Swift.max(1, repeats) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                BLAS.gemm(.none, .none, m: n, n: n, k: n, a: a.pointer, aCount: a.count, lda: n,
                          b: b.pointer, bCount: b.count, ldb: n, c: c.pointer, cCount: c.count, ldc: n)
                best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
        }
        return FLOPRate(flopsPerSecond: 2 * Double(n * n * n) / Swift.max(best, 1e-9))
    }

    /// "modelled clock (FLOPs ÷ rate; relative speed 1 = 10 GFLOP/s per core)".
    public var description: String {
        switch kind {
        case .modelled:
            return "modelled clock (FLOPs ÷ calibrated rate; relative speed 1 = \(referenceRate) per core)"
        case .measured:
            return "measured clock (host wall time ÷ tier speed, thread limit = threads per job; host = \(referenceRate) per core)"
        }
    }

    /// The per-job FLOP rate of `tier` on the modelled clock (int8 layers: × int8Speedup).
    public func jobRate(_ tier: Tier) -> FLOPRate {
        let perCore: FLOPRate
        switch tier.speed {
        case let .relative(s): perCore = referenceRate.scaled(by: s)
        case let .flopRate(r): perCore = r
        }
        return perCore.scaled(by: Double(tier.threadsPerJob))
    }

    /// The factor that turns a host time into tier time on the measured clock.
    public func hostTimeScale(_ tier: Tier) -> Double {
        switch tier.speed {
        case let .relative(s): return 1 / s
        case let .flopRate(r): return referenceRate.flopsPerSecond / r.flopsPerSecond
        }
    }

    /// Tier time for `hostSeconds` of measured host time.
    public func scaled(hostSeconds: Double, on tier: Tier) -> SimDuration {
        SimDuration(seconds: hostSeconds * hostTimeScale(tier))
    }

    /// Modelled time of `flops` operations on `tier`, in Float32 or int8.
    public func modelledTime(flops: Int, on tier: Tier, int8: Bool = false) -> SimDuration {
        let rate = jobRate(tier)
        return (int8 ? rate.scaled(by: tier.int8Speedup) : rate).time(flops: flops)
    }
}
