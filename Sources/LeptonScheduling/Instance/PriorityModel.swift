/// The task-priority models of 003 §4.1, from importance A, urgency B and user satisfaction C.
public enum PriorityModel: String, Hashable, Sendable, CaseIterable, Codable {
    /// P_i = w1·A_i + w2·B_i + w3·C_i with w1 = 1/Σ_k A_k, w2 = 1/Σ_k B_k, w3 = 1/Σ_k C_k (as written in 003).
    case normalisedWeightedSum
    /// P_i = A_i·B_i·C_i (the product form 003 gives first).
    case product

    /// The priority of every task; the three arrays are indexed by task and must have equal lengths.
    public func priorities(importance a: [Double], urgency b: [Double], satisfaction c: [Double]) -> [Double] {
        precondition(a.count == b.count && b.count == c.count,
                     "importance, urgency and satisfaction need one value per task; found \(a.count), \(b.count), \(c.count)")
        switch self {
        case .normalisedWeightedSum:
            let w1 = 1 / a.reduce(0, +)
            let w2 = 1 / b.reduce(0, +)
            let w3 = 1 / c.reduce(0, +)
            return a.indices.map { w1 * a[$0] + w2 * b[$0] + w3 * c[$0] }
        case .product:
            return a.indices.map { a[$0] * b[$0] * c[$0] }
        }
    }
}
