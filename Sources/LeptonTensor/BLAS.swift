import CBLAS

/// The bridge to OpenBLAS: checked GEMM calls and thread control.
public enum BLAS {
    /// Whether a GEMM operand is used as stored or transposed.
    public enum Transpose: Sendable {
        case none, transposed
        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    /// C ← α·op(A)·op(B) + β·C for row-major matrices, with op(A) m×k and op(B) k×n.
    ///
    /// The leading dimensions are the row lengths as stored. Shapes are checked against
    /// the buffer sizes before OpenBLAS is called.
    public static func gemm(_ transA: Transpose, _ transB: Transpose,
                            m: Int, n: Int, k: Int, alpha: Float = 1,
                            a: UnsafePointer<Float>, aCount: Int, lda: Int,
                            b: UnsafePointer<Float>, bCount: Int, ldb: Int,
                            beta: Float = 0,
                            c: UnsafeMutablePointer<Float>, cCount: Int, ldc: Int) {
        let aRows = transA == .none ? m : k, aCols = transA == .none ? k : m
        let bRows = transB == .none ? k : n, bCols = transB == .none ? n : k
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m=\(m) n=\(n) k=\(k)")
        precondition(lda >= Swift.max(aCols, 1) && (aRows == 0 || (aRows - 1) * lda + aCols <= aCount),
                     "gemm: A is \(aRows)×\(aCols) (lda \(lda)) but holds \(aCount) values")
        precondition(ldb >= Swift.max(bCols, 1) && (bRows == 0 || (bRows - 1) * ldb + bCols <= bCount),
                     "gemm: B is \(bRows)×\(bCols) (ldb \(ldb)) but holds \(bCount) values")
        precondition(ldc >= Swift.max(n, 1) && (m == 0 || (m - 1) * ldc + n <= cCount),
                     "gemm: C is \(m)×\(n) (ldc \(ldc)) but holds \(cCount) values")
        if m == 0 || n == 0 { return }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }

    /// The number of threads OpenBLAS uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses (at least 1).
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(Swift.max(1, n)))
    }

    /// OpenBLAS's build configuration string (version, kernel, threading).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }

    /// The CPU kernel OpenBLAS selected at load time.
    public static var coreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }
}
