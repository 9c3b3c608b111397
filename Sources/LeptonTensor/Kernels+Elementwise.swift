/// Small element-wise kernels used by the layers and optimizers.
public enum Elementwise {
    /// Adds `bias` (length `cols`) to every row of `x` (`rows` × `cols`).
    @inlinable
    public static func addRowVector(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                                    bias: UnsafePointer<Float>) {
        if cols % 8 == 0 {
            for r in 0..<rows {
                let row = x + r &* cols
                var j = 0
                while j < cols { row.store8(row.load8(j) + bias.load8(j), j); j &+= 8 }
            }
            return
        }
        for r in 0..<rows {
            let row = x + r * cols
            for j in 0..<cols { row[j] += bias[j] }
        }
    }

    /// Adds `bias` to every row and then applies ReLU, in one pass.
    @inlinable
    public static func addRowVectorReLU(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                                        bias: UnsafePointer<Float>) {
        if cols % 8 == 0 {
            for r in 0..<rows {
                let row = x + r &* cols
                var j = 0
                while j < cols { row.store8(relu8(row.load8(j) + bias.load8(j)), j); j &+= 8 }
            }
            return
        }
        for r in 0..<rows {
            let row = x + r * cols
            for j in 0..<cols { row[j] = Swift.max(row[j] + bias[j], 0) }
        }
    }

    /// Writes the column sums of `x` (`rows` × `cols`) into `out` (length `cols`),
    /// accumulating in a fixed order.
    @inlinable
    public static func columnSums(_ x: UnsafePointer<Float>, rows: Int, cols: Int,
                                  into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: cols)
        if cols % 8 == 0 {
            for r in 0..<rows {
                let row = x + r &* cols
                var j = 0
                while j < cols { out.store8(out.load8(j) + row.load8(j), j); j &+= 8 }
            }
            return
        }
        for r in 0..<rows {
            let row = x + r * cols
            for j in 0..<cols { out[j] += row[j] }
        }
    }

    /// y ← y + a·x over `n` elements.
    @inlinable
    public static func axpy(_ n: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] += a * x[i] }
    }

    /// x ← a·x over `n` elements.
    @inlinable
    public static func scale(_ n: Int, _ a: Float, _ x: UnsafeMutablePointer<Float>) {
        for i in 0..<n { x[i] *= a }
    }

    /// The index of the largest of `n` values (the first on ties).
    @inlinable
    public static func argmax(_ x: UnsafePointer<Float>, _ n: Int) -> Int {
        var best = 0
        for i in 1..<Swift.max(n, 1) where x[i] > x[best] { best = i }
        return best
    }
}
