import CLeptonKernels

/// The dense layer's inference product in Lepton's own kernel: y [rows, units] = x [rows,
/// inputs] · W [inputs, units], W read as stored (row-major, Keras's layout).
///
/// Each output sums its inputs in order, one fused multiply-add per product, so a sample
/// gets the same bits alone (batch 1) as inside a batch of 64, and the AVX-512 and AVX2
/// builds agree. The kernel is walked 256 rows at a time so that block stays in the L2
/// cache while every sample passes over it; with no packing step this beats OpenBLAS's
/// sgemm on the small-batch, long-inner-dimension products of inference (docs/BENCHMARKS.md).
public enum DenseKernel {
    /// Writes x · W into `y` and returns true, or returns false (writing nothing) when
    /// `units` is not a multiple of 8 — the caller then uses ``BLAS/gemm``.
    public static func product(_ x: UnsafePointer<Float>, rows: Int, inputs: Int, kernel: UnsafePointer<Float>,
                               units: Int, into y: UnsafeMutablePointer<Float>) -> Bool {
        precondition(rows >= 0 && inputs >= 0 && units >= 0, "DenseKernel: negative size \(rows)×\(inputs)×\(units)")
        guard rows > 0, units > 0 else { return true }
        guard inputs > 0 else { y.update(repeating: 0, count: rows * units); return true }
        return lepton_dense_forward(x, Int32(rows), Int32(inputs), kernel, Int32(units), y) != 0
    }
}
