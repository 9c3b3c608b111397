import Foundation
import LeptonCore
import LeptonTensor

/// How the training samples are spread over the K clients (McMahan et al. 2017 §3; Hsu et
/// al. 2019 for Dirichlet).
public enum Partition: Sendable, Hashable, CustomStringConvertible {
    /// Shuffled, then cut into K nearly equal parts.
    case iid
    /// McMahan et al.'s pathological non-IID split: sort by label, cut into
    /// `shardsPerClient`·K equal shards, give each client `shardsPerClient` random shards
    /// (so most clients see two classes).
    case pathological(shardsPerClient: Int)
    /// Per class, client shares drawn from Dirichlet(α, …, α); small α is more skewed.
    case dirichlet(alpha: Double)

    /// "IID", "non-IID (2 shards/client)", "Dirichlet(α=0.5)".
    public var description: String {
        switch self {
        case .iid: return "IID"
        case let .pathological(s): return "non-IID (\(s) shards/client)"
        case let .dirichlet(a): return "Dirichlet(α=\(a))"
        }
    }

    /// The sample indices of each of `clients` clients, each list ascending; every index in
    /// 0..<labels.count appears exactly once. Random draws come from `seed`'s stream
    /// "partition".
    public func split(labels: [Int32], classes: Int, clients: Int, seed: UInt64) throws(FederatedError) -> [[Int]] {
        let n = labels.count
        guard clients >= 1 else { throw .invalidConfiguration(field: "clients", value: "\(clients)", expected: "≥ 1") }
        var rng = SeededGenerator(seed: seed, stream: "partition")
        switch self {
        case .iid:
            guard n >= clients else { throw .cannotPartition(partition: description, samples: n, clients: clients, reason: "fewer samples than clients") }
            var order = Array(0..<n)
            rng.shuffle(&order)
            return Self.cut(order, into: clients).map { $0.sorted() }
        case let .pathological(perClient):
            guard perClient >= 1 else { throw .invalidConfiguration(field: "shardsPerClient", value: "\(perClient)", expected: "≥ 1") }
            let shardCount = perClient * clients
            guard n >= shardCount else {
                throw .cannotPartition(partition: description, samples: n, clients: clients, reason: "fewer samples than the \(shardCount) shards")
            }
            let byLabel = (0..<n).sorted { (labels[$0], $0) < (labels[$1], $1) }
            let shards = Self.cut(byLabel, into: shardCount)
            var ids = Array(0..<shardCount)
            rng.shuffle(&ids)
            return (0..<clients).map { k in ids[(k * perClient)..<((k + 1) * perClient)].flatMap { shards[$0] }.sorted() }
        case let .dirichlet(alpha):
            guard alpha > 0, alpha.isFinite else { throw .invalidConfiguration(field: "alpha", value: "\(alpha)", expected: "> 0") }
            var parts = [[Int]](repeating: [], count: clients)
            for c in 0..<classes {
                var members = (0..<n).filter { labels[$0] == Int32(c) }
                rng.shuffle(&members)
                let shares = Self.dirichlet(alpha: alpha, count: clients, rng: &rng)
                var start = 0, cumulative = 0.0
                for k in 0..<clients {
                    cumulative += shares[k]
                    let end = k == clients - 1 ? members.count : min(members.count, Int((cumulative * Double(members.count)).rounded()))
                    if end > start { parts[k].append(contentsOf: members[start..<end]) }
                    start = max(start, end)
                }
            }
            return parts.map { $0.sorted() }
        }
    }

    /// `values` cut in order into `parts` runs whose lengths differ by at most one (longer first).
    static func cut(_ values: [Int], into parts: Int) -> [[Int]] {
        let base = values.count / parts, extra = values.count % parts
        var out: [[Int]] = [], start = 0
        for p in 0..<parts {
            let length = base + (p < extra ? 1 : 0)
            out.append(Array(values[start..<(start + length)]))
            start += length
        }
        return out
    }

    /// One draw from Dirichlet(α·1_count): independent Gamma(α, 1) draws, normalised.
    static func dirichlet(alpha: Double, count: Int, rng: inout SeededGenerator) -> [Double] {
        let g = (0..<count).map { _ in gamma(shape: alpha, rng: &rng) }
        let total = g.reduce(0, +)
        return total > 0 ? g.map { $0 / total } : [Double](repeating: 1 / Double(count), count: count)
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); for shape < 1, Gamma(shape + 1)·U^(1/shape).
    static func gamma(shape: Double, rng: inout SeededGenerator) -> Double {
        if shape < 1 {
            let u = max(rng.nextUnitDouble(), .leastNonzeroMagnitude)
            return gamma(shape: shape + 1, rng: &rng) * PortableMath.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            let x = rng.normal()
            let v0 = 1 + c * x
            guard v0 > 0 else { continue }
            let v = v0 * v0 * v0
            let u = rng.nextUnitDouble()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if PortableMath.log(max(u, .leastNonzeroMagnitude)) < 0.5 * x * x + d * (1 - v + PortableMath.log(v)) { return d * v }
        }
    }
}
