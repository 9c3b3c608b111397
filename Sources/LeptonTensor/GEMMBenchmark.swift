import Dispatch
import LeptonCore

/// OpenBLAS's single-precision GEMM rate on this machine, the ceiling for the core's
/// dense work.
public enum GEMMBenchmark {
    /// GFLOP/s of an n×n×n sgemm (median of `repeats` after one warm-up call).
    public static func sgemmGFLOPS(size n: Int = 2048, repeats: Int = 5) -> Double {
        let a = Tensor(zeros: [n, n]), b = Tensor(zeros: [n, n]), c = Tensor(zeros: [n, n])
        var rng = SeededGenerator(seed: 1)
        for i in 0..<(n * n) { a[i] = rng.uniform(-1, 1); b[i] = rng.uniform(-1, 1) }
        var times: [Double] = []
        for r in 0...repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            BLAS.gemm(.none, .none, m: n, n: n, k: n, a: a.pointer, aCount: a.count, lda: n,
                      b: b.pointer, bCount: b.count, ldb: n, c: c.pointer, cCount: c.count, ldc: n)
            if r > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) }
        }
        times.sort()
        return 2 * Double(n) * Double(n) * Double(n) / times[times.count / 2] / 1e9
    }
}
