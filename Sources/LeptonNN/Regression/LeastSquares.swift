/// Ordinary linear least squares with an intercept: ŷ = β₀ + Σ_j β_j·x_j, β minimising
/// Σ (y − ŷ)², solved from the normal equations (XᵀX)β = Xᵀy in Double by Gaussian
/// elimination with partial pivoting. The baseline a learned regressor must beat.
public struct LeastSquares: Sendable, Hashable, Codable {
    /// β₀ (intercept) then one coefficient per feature.
    public let coefficients: [Double]

    /// A model from its coefficients (intercept first).
    public init(coefficients: [Double]) { self.coefficients = coefficients }

    /// Fits on `features` (row-major, `targets.count × width`) and `targets`; returns nil
    /// when XᵀX is singular (a constant or duplicated feature).
    public static func fit(features: [Double], width: Int, targets: [Double]) -> LeastSquares? {
        let d = width + 1, n = targets.count
        precondition(features.count == n * width, "LeastSquares: \(features.count) values for \(n) rows × \(width)")
        var a = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d)
        for i in 0..<n {
            var row = [1.0]
            row.append(contentsOf: features[(i * width)..<((i + 1) * width)])
            for r in 0..<d {
                for c in 0..<d { a[r][c] += row[r] * row[c] }
                a[r][d] += row[r] * targets[i]
            }
        }
        guard NormalEquations.eliminate(&a, pivotAbove: 1e-12) else { return nil }
        return LeastSquares(coefficients: (0..<d).map { a[$0][d] / a[$0][$0] })
    }

    /// ŷ for every row of `features` (row-major, `width` = coefficients.count − 1 per row).
    public func predict(features: [Double]) -> [Double] {
        let w = coefficients.count - 1
        return stride(from: 0, to: features.count, by: max(w, 1)).map { start in
            var s = coefficients[0]
            for j in 0..<w { s += coefficients[j + 1] * features[start + j] }
            return s
        }
    }
}

/// The one solver behind Lepton's least-squares fits (``LeastSquares`` here, the latency
/// model's per-kind fit in LeptonEmulation): Gauss–Jordan elimination with partial pivoting
/// on the augmented normal equations [XᵀX | Xᵀy], in Double.
public enum NormalEquations {
    /// Eliminates the augmented `d × (d + 1)` matrix `a` in place, so that afterwards
    /// row i holds a[i][i]·βᵢ = a[i][d]. The pivot of each column is the first row (from
    /// the diagonal down) with the largest magnitude; a column whose pivot is not above
    /// `pivotAbove` is left as it is. Returns whether every pivot was above it.
    public static func eliminate(_ a: inout [[Double]], pivotAbove threshold: Double) -> Bool {
        let d = a.count
        var regular = true
        for col in 0..<d {
            var pivot = col
            for r in (col + 1)..<Swift.max(col + 1, d) where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            a.swapAt(col, pivot)
            let p = a[col][col]
            guard abs(p) > threshold else { regular = false; continue }
            for r in 0..<d where r != col {
                let f = a[r][col] / p
                if f != 0 { for c in col...d { a[r][c] -= f * a[col][c] } }
            }
        }
        return regular
    }
}
