/// The device-load models of 003 §4.1, from compute capacity C, remaining resources R and execution time T.
public enum LoadModel: String, Hashable, Sendable, CaseIterable, Codable {
    /// L_j = C_j·R_j / T_j (as written in 003).
    case ratio
    /// L_j = C_j/Σ_k C_k + R_j/Σ_k R_k + T_j/Σ_k T_k — our reading of 003's "normalised weighted-sum
    /// form like the priority": the priority formula with (A, B, C) replaced by (C, R, T) and each
    /// weight 1 / the column's sum.
    case normalisedWeightedSum

    /// The load of every device; the three arrays are indexed by device and must have equal lengths.
    public func loads(capacity c: [Double], remaining r: [Double], executionTime t: [Double]) -> [Double] {
        precondition(c.count == r.count && r.count == t.count,
                     "capacity, remaining and execution time need one value per device; found \(c.count), \(r.count), \(t.count)")
        switch self {
        case .ratio:
            return c.indices.map { c[$0] * r[$0] / t[$0] }
        case .normalisedWeightedSum:
            let w1 = 1 / c.reduce(0, +)
            let w2 = 1 / r.reduce(0, +)
            let w3 = 1 / t.reduce(0, +)
            return c.indices.map { w1 * c[$0] + w2 * r[$0] + w3 * t[$0] }
        }
    }
}
