import LeptonNN

/// Ordinary least squares y ≈ Σ_j β_j · x_j (no intercept), solved in Double through the
/// normal equations (LeptonNN's ``NormalEquations``)
/// with columns scaled to unit maximum and a tiny ridge term (10⁻¹⁰ of the largest
/// diagonal entry) so constant or all-zero features do not make it singular.
public struct LinearRegression: Sendable, Hashable, Codable {
    /// β, one per feature.
    public let coefficients: [Double]

    /// A regression with given coefficients.
    public init(coefficients: [Double]) { self.coefficients = coefficients }

    /// The prediction Σ β_j · x_j.
    public func predict(_ features: [Double]) -> Double {
        zip(coefficients, features).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Fits β to rows `x` (all of the same width) and targets `y`.
    public static func fit(_ x: [[Double]], _ y: [Double]) -> LinearRegression {
        guard let width = x.first?.count, width > 0, x.count == y.count else { return LinearRegression(coefficients: []) }
        var scale = [Double](repeating: 0, count: width)
        for row in x { for j in 0..<width { scale[j] = Swift.max(scale[j], abs(row[j])) } }
        scale = scale.map { $0 > 0 ? $0 : 1 }
        var a = [[Double]](repeating: [Double](repeating: 0, count: width + 1), count: width)
        for (row, target) in zip(x, y) {
            for i in 0..<width {
                let xi = row[i] / scale[i]
                for j in 0..<width { a[i][j] += xi * row[j] / scale[j] }
                a[i][width] += xi * target
            }
        }
        let ridge = 1e-10 * Swift.max(1e-300, (0..<width).map { a[$0][$0] }.max() ?? 1)
        for i in 0..<width { a[i][i] += ridge }
        _ = NormalEquations.eliminate(&a, pivotAbove: 0)   // a zero pivot leaves its coefficient 0
        let beta = (0..<width).map { i in a[i][i] != 0 ? a[i][width] / a[i][i] / scale[i] : 0 }
        return LinearRegression(coefficients: beta)
    }
}
