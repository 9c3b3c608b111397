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
        checkShapes("gemm", transA, transB, m: m, n: n, k: k, aCount: aCount, lda: lda, bCount: bCount, ldb: ldb,
                    cCount: cCount, ldc: ldc)
        if m == 0 || n == 0 { return }
        _ = selectedKernel      // the right kernel is chosen before the first product
        // OpenBLAS splits a product across threads poorly when the inner dimension is tiny
        // (an im2col product with k = 9 runs slower on two threads than on one), and small
        // products do not pay for waking a second thread.
        let useThreads = (k < 32 || m * n * k < 1 << 18) ? 1 : configuredThreads
        if useThreads != activeThreads {
            openblas_set_num_threads(Int32(useThreads))
            activeThreads = useThreads
        }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }

    /// Checks a product's sizes against its buffers (`name` prefixes the message): one rule for
    /// OpenBLAS's sgemm and Lepton's ``GEMM``.
    static func checkShapes(_ name: String, _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            aCount: Int, lda: Int, bCount: Int, ldb: Int, cCount: Int, ldc: Int) {
        let aRows = transA == .none ? m : k, aCols = transA == .none ? k : m
        let bRows = transB == .none ? k : n, bCols = transB == .none ? n : k
        precondition(m >= 0 && n >= 0 && k >= 0, "\(name): negative size m=\(m) n=\(n) k=\(k)")
        precondition(lda >= Swift.max(aCols, 1) && (aRows == 0 || (aRows - 1) * lda + aCols <= aCount),
                     "\(name): A is \(aRows)×\(aCols) (lda \(lda)) but holds \(aCount) values")
        precondition(ldb >= Swift.max(bCols, 1) && (bRows == 0 || (bRows - 1) * ldb + bCols <= bCount),
                     "\(name): B is \(bRows)×\(bCols) (ldb \(ldb)) but holds \(bCount) values")
        precondition(ldc >= Swift.max(n, 1) && (m == 0 || (m - 1) * ldc + n <= cCount),
                     "\(name): C is \(m)×\(n) (ldc \(ldc)) but holds \(cCount) values")
    }

    /// y ← α·op(A)·x + β·y for a row-major m×n matrix A (op(A) is n×m when transposed):
    /// the matrix-vector product a one-sample GEMM becomes. Shapes are checked first.
    public static func gemv(_ transA: Transpose, m: Int, n: Int, alpha: Float = 1,
                            a: UnsafePointer<Float>, aCount: Int, lda: Int,
                            x: UnsafePointer<Float>, xCount: Int, beta: Float = 0,
                            y: UnsafeMutablePointer<Float>, yCount: Int) {
        precondition(m >= 0 && n >= 0, "gemv: negative size m=\(m) n=\(n)")
        precondition(lda >= Swift.max(n, 1) && (m == 0 || (m - 1) * lda + n <= aCount),
                     "gemv: A is \(m)×\(n) (lda \(lda)) but holds \(aCount) values")
        let xLength = transA == .none ? n : m, yLength = transA == .none ? m : n
        precondition(xCount >= xLength && yCount >= yLength,
                     "gemv: x holds \(xCount) of \(xLength) values, y \(yCount) of \(yLength)")
        if m == 0 || n == 0 { return }
        _ = selectedKernel
        if activeThreads != 1 {            // a vector product is too small to share
            openblas_set_num_threads(1)
            activeThreads = 1
        }
        cblas_sgemv(CblasRowMajor, transA.cblas, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    nonisolated(unsafe) private static var configuredThreads = Int(openblas_get_num_threads())
    nonisolated(unsafe) private static var activeThreads = Int(openblas_get_num_threads())

    /// The number of threads OpenBLAS may use for large products.
    public static var threads: Int { configuredThreads }

    /// Sets the number of threads OpenBLAS may use (at least 1). Products with a small
    /// inner dimension or little work run on one thread regardless.
    public static func setThreads(_ n: Int) {
        configuredThreads = Swift.max(1, n)
        activeThreads = configuredThreads
        openblas_set_num_threads(Int32(configuredThreads))
    }

    /// Runs `body` with OpenBLAS limited to one thread (for callers that parallelise
    /// across products themselves), then restores the configured count.
    public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        let saved = configuredThreads
        configuredThreads = 1
        defer { configuredThreads = saved }
        return try body()
    }

    /// OpenBLAS's build configuration string (version, kernel, threading).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }

    /// The CPU kernel that computes products, e.g. "SkylakeX" (after the check that replaces
    /// a fallback kernel; see ``kernelReport``).
    public static var coreName: String {
        _ = selectedKernel
        return libraryCoreName
    }

    /// The kernel OpenBLAS uses at this moment, without the fallback check.
    static var libraryCoreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }
}
