import LeptonCore
import XCTest
@testable import LeptonTensor

final class BLASTests: XCTestCase {
    /// Every transpose combination against a plain triple loop in Double.
    func testGEMMMatchesNaiveProductForEveryTranspose() {
        var rng = SeededGenerator(seed: 1)
        let m = 5, n = 7, k = 3
        for ta in [BLAS.Transpose.none, .transposed] {
            for tb in [BLAS.Transpose.none, .transposed] {
                let a = (0..<(m * k)).map { _ in rng.uniform(-1, 1) }
                let b = (0..<(k * n)).map { _ in rng.uniform(-1, 1) }
                var c = [Float](repeating: 0.5, count: m * n)
                let lda = ta == .none ? k : m, ldb = tb == .none ? n : k
                BLAS.gemm(ta, tb, m: m, n: n, k: k, alpha: 2, a: a, aCount: a.count, lda: lda, b: b, bCount: b.count, ldb: ldb,
                          beta: 1, c: &c, cCount: c.count, ldc: n)
                for i in 0..<m {
                    for j in 0..<n {
                        var s = 0.0
                        for p in 0..<k {
                            let av = ta == .none ? a[i * k + p] : a[p * m + i]
                            let bv = tb == .none ? b[p * n + j] : b[j * k + p]
                            s += Double(av) * Double(bv)
                        }
                        XCTAssertEqual(Double(c[i * n + j]), 2 * s + 0.5, accuracy: 1e-5, "\(ta) \(tb) [\(i),\(j)]")
                    }
                }
            }
        }
    }

    func testThreadControlReachesOpenBLAS() {
        BLAS.setThreads(1)
        XCTAssertEqual(BLAS.threads, 1)
        ComputeThreads.set(2)
        XCTAssertEqual(BLAS.threads, 2)
        XCTAssertEqual(ComputeThreads.count, 2)
        XCTAssertTrue(BLAS.configuration.contains("OpenBLAS"), BLAS.configuration)
    }
}
