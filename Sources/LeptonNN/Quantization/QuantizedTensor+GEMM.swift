import LeptonTensor

/// Multiplying by an int8 kernel without ever holding all of it in Float32.
///
/// The kernel is viewed as a K × N matrix (N = the last axis, K = the rest, as im2col and
/// dense layers use it). ``multiply(_:aCount:rows:lda:into:cCount:scratch:)`` dequantises
/// blocks of max(1, ⌊1024 / N⌋) rows into a scratch buffer of at most
/// ``scratchElements`` floats and accumulates C += A[:, rows] · W'[rows, :] block by block.
extension QuantizedTensor {
    /// The weights dequantised per block (an upper bound when N > 1024: one row).
    public static let blockWeights = 1024

    /// N: the last axis (output channels).
    public var columns: Int { Swift.max(shape.last ?? 1, 1) }
    /// K: the product of the other axes.
    public var rows: Int { codes.count / columns }
    /// Rows dequantised per block: max(1, ⌊1024 / N⌋).
    public var rowsPerBlock: Int { Swift.max(1, Self.blockWeights / columns) }
    /// Floats of scratch a multiplication needs: min(K, rowsPerBlock) · N.
    public var scratchElements: Int { Swift.min(rows, rowsPerBlock) * columns }

    /// C (m × N, row stride N) = A (m × K, row stride `lda`) · W', with W' dequantised block
    /// by block into `scratch` (``scratchElements`` floats).
    public func multiply(_ a: UnsafePointer<Float>, aCount: Int, rows m: Int, lda: Int,
                         into c: UnsafeMutablePointer<Float>, cCount: Int, scratch: UnsafeMutablePointer<Float>) {
        let n = columns, k = rows, step = rowsPerBlock
        precondition(lda >= k, "multiply: lda \(lda) is smaller than the kernel's \(k) rows")
        if k == 0 {
            c.update(repeating: 0, count: m * n)
            return
        }
        let perChannel = scales.count == n && n > 1
        codes.withUnsafeBufferPointer { q in
            scales.withUnsafeBufferPointer { s in
                var r0 = 0
                while r0 < k {
                    let kb = Swift.min(step, k - r0)
                    let base = r0 * n
                    if perChannel {
                        for r in 0..<kb {
                            let row = base + r * n
                            for j in 0..<n { scratch[r * n + j] = Float(q[row + j]) * s[j] }
                        }
                    } else {
                        let scale = s[0]
                        for i in 0..<(kb * n) { scratch[i] = Float(q[base + i]) * scale }
                    }
                    GEMM.multiply(.none, .none, m: m, n: n, k: kb,
                                  a: a + r0, aCount: aCount - r0, lda: lda,
                                  b: scratch, bCount: kb * n, ldb: n,
                                  c: c, cCount: cCount, ldc: n, accumulate: r0 > 0)
                    r0 += kb
                }
            }
        }
    }
}
