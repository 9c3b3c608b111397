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

    /// Whether a product of a few rows splits its columns between two threads: two are
    /// configured, it has at least 2¹⁸ multiply-adds and two 64-column halves.
    static func splitsColumns(m: Int, n: Int, k: Int) -> Bool {
        ComputeThreads.count > 1 && m * n * k >= 1 << 18 && n >= 128
    }

    /// C = A·B (no transposes) for a few rows (a batch of one or two at inference), the
    /// columns split between the threads ``ComputeThreads`` allows: a product of one row is
    /// a stream through B, which one core cannot read as fast as two. Each output is still
    /// its own chain, so the bits are those of ``multiply(_:_:m:n:k:a:aCount:lda:b:bCount:ldb:c:cCount:ldc:accumulate:)``.
    /// Runs on one thread when one is configured, the product is small (under 2¹⁸ multiply-adds)
    /// or it is called from inside another parallel task.
    public static func multiplyAcrossThreads(m: Int, n: Int, k: Int,
                                             a: UnsafePointer<Float>, aCount: Int, lda: Int,
                                             b: UnsafePointer<Float>, bCount: Int, ldb: Int,
                                             c: UnsafeMutablePointer<Float>, cCount: Int, ldc: Int) {
        guard splitsColumns(m: m, n: n, k: k) else {
            multiply(.none, .none, m: m, n: n, k: k, a: a, aCount: aCount, lda: lda, b: b, bCount: bCount, ldb: ldb,
                     c: c, cCount: cCount, ldc: ldc)
            return
        }
        BLAS.checkShapes("GEMM", .none, .none, m: m, n: n, k: k, aCount: aCount, lda: lda, bCount: bCount, ldb: ldb,
                         cCount: cCount, ldc: ldc)
        let half = (n / 2 + 63) / 64 * 64      // whole wide tiles on the left
        ComputeThreads.concurrently(tasks: 2) { part in
            let c0 = part == 0 ? 0 : half, width = part == 0 ? half : n - half
            lepton_gemm(0, 0, Int32(m), Int32(width), Int32(k), a, lda, b + c0, ldb, c + c0, ldc, 0)
        }
    }

    /// B [k, n] in Lepton's packed layout (`lepton_gemm_pack_panels`): sub-panels of 16 columns,
    /// each with its k rows contiguous, in panels of 64 columns (the unit threads split), so that
    /// a batch of one streams every panel once, in order (B as stored is read 2 KiB of every 4 KiB
    /// row per thread when the threads split a 1024-column B), a batch's tile reads its columns
    /// contiguously, and a batch is not packed again on every call. A copy, taken once: it is the caller's job
    /// never to use it after B changes (``LeptonNN/Predictor`` owns the only B it packs).
    public final class PackedMatrix: @unchecked Sendable {
        /// Columns per panel (64).
        public static let panelWidth = Int(LEPTON_GEMM_PANEL)
        /// Rows (terms of each output) and columns of B.
        public let k: Int, n: Int
        let storage: UnsafeMutablePointer<Float>

        /// Packs b [k, n] (row stride `ldb`, `bCount` floats readable).
        public init(k: Int, n: Int, b: UnsafePointer<Float>, bCount: Int, ldb: Int) {
            precondition(k > 0 && n > 0 && ldb >= n && bCount >= (k - 1) * ldb + n,
                         "packed GEMM operand: k \(k), n \(n), ldb \(ldb) do not fit \(bCount) floats")
            self.k = k
            self.n = n
            let floats = lepton_gemm_packed_floats(Int32(k), Int32(n))
            storage = .allocate(capacity: floats)
            lepton_gemm_pack_panels(b, ldb, Int32(k), Int32(n), storage)
        }

        deinit { storage.deallocate() }
    }

    /// C [1, n] = A·B for one row A (k floats) and B packed, the panels split between the
    /// threads ``ComputeThreads`` allows by the rule ``multiplyAcrossThreads(m:n:k:a:aCount:lda:b:bCount:ldb:c:cCount:ldc:)``
    /// splits columns by. The same chains, and bits, as ``multiply(_:_:m:n:k:a:aCount:lda:b:bCount:ldb:c:cCount:ldc:accumulate:)``
    /// of A and B as stored.
    public static func multiplyRow(a: UnsafePointer<Float>, aCount: Int, packed: PackedMatrix,
                                   c: UnsafeMutablePointer<Float>, cCount: Int) {
        precondition(aCount >= packed.k && cCount >= packed.n,
                     "packed GEMM: a row of \(aCount) and an output of \(cCount) floats for [1, \(packed.k)] · [\(packed.k), \(packed.n)]")
        let panels = (packed.n + PackedMatrix.panelWidth - 1) / PackedMatrix.panelWidth
        let k = Int32(packed.k), n = Int32(packed.n), b = UnsafePointer(packed.storage)
        guard splitsColumns(m: 1, n: packed.n, k: packed.k) else {
            lepton_gemm_packed_row(a, 1, b, k, n, 0, Int32(panels), c)
            return
        }
        let half = Int32((panels + 1) / 2)
        ComputeThreads.concurrently(tasks: 2) { part in
            lepton_gemm_packed_row(a, 1, b, k, n, part == 0 ? 0 : half, part == 0 ? half : Int32(panels), c)
        }
    }

    /// C [m, n] (row stride `ldc`) = A·B for A [m, k] (row stride `lda`) and B packed, each
    /// column tile read from its contiguous sub-panels (a wide B as stored is packed again on
    /// every call; a narrower one is read 16 floats of every row). Single-threaded, like ``multiply(_:_:m:n:k:a:aCount:lda:b:bCount:ldb:c:cCount:ldc:accumulate:)``,
    /// whose chains, and bits, it has.
    public static func multiply(m: Int, a: UnsafePointer<Float>, aCount: Int, lda: Int, packed: PackedMatrix,
                                c: UnsafeMutablePointer<Float>, cCount: Int, ldc: Int) {
        let k = packed.k, n = packed.n
        precondition(m >= 0 && lda >= k && ldc >= n && (m == 0 || (aCount >= (m - 1) * lda + k && cCount >= (m - 1) * ldc + n)),
                     "packed GEMM: [\(m), \(k)] · [\(k), \(n)] do not fit a of \(aCount) (lda \(lda)) and c of \(cCount) (ldc \(ldc))")
        guard m > 0 else { return }
        lepton_gemm_packed(Int32(m), Int32(n), Int32(k), a, lda, packed.storage, c, ldc)
    }
}
