import CLeptonKernels

/// Lepton's matrix product, behind every dense layer and im2col convolution, in training
/// and in inference: C = op(A)·op(B), or C + op(A)·op(B).
///
/// Each C[i][j] is one chain of fused multiply-adds over p = 0, 1, …, k − 1 in order,
/// starting from +0 (or from C's value when accumulating). Vector lanes, tiles, K blocks,
/// the scalar tail and the operand layouts all compute that chain, so the bits depend only
/// on the operands: the same on AVX-512 and AVX2 (and any FMA CPU), at batch 1 and 64, on
/// 1 or 2 threads. OpenBLAS's sgemm, whose order depends on its CPU-specific kernel, is no
/// longer on any path that reaches a result (it remains the speed reference of
/// ``GEMMBenchmark``). Single-threaded: callers split batches (``ComputeThreads``).
public enum GEMM {
    /// C [m, n] (row stride `ldc`) = op(A)·op(B), plus C's old value when `accumulate`.
    /// op(A) is m×k, op(B) k×n; leading dimensions are the row lengths as stored.
    /// Shapes are checked against the buffer sizes first.
    public static func multiply(_ transA: BLAS.Transpose, _ transB: BLAS.Transpose,
                                m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, aCount: Int, lda: Int,
                                b: UnsafePointer<Float>, bCount: Int, ldb: Int,
                                c: UnsafeMutablePointer<Float>, cCount: Int, ldc: Int,
                                accumulate: Bool = false) {
        BLAS.checkShapes("GEMM", transA, transB, m: m, n: n, k: k, aCount: aCount, lda: lda, bCount: bCount, ldb: ldb,
                         cCount: cCount, ldc: ldc)
        if m == 0 || n == 0 { return }
        lepton_gemm(transA == .transposed ? 1 : 0, transB == .transposed ? 1 : 0, Int32(m), Int32(n), Int32(k),
                    a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
    }
}
