import LeptonCore
/// Percentiles of a set of latencies, by the nearest-rank rule: the p-th percentile of n
/// sorted values is the value at rank ⌈p/100 · n⌉ (1-based).
public struct LatencySummary: Sendable, Hashable, Codable {
    /// How many latencies.
    public let count: Int
    /// Median.
    public let p50: SimDuration
    /// 95th percentile.
    public let p95: SimDuration
    /// 99th percentile.
    public let p99: SimDuration
    /// Arithmetic mean, rounded to the nanosecond.
    public let mean: SimDuration
    /// Largest.
    public let max: SimDuration

    /// The summary of `latencies` (all zero when empty).
    public init(_ latencies: [SimDuration]) {
        let s = latencies.sorted()
        count = s.count
        func rank(_ p: Int) -> SimDuration {
            s.isEmpty ? .zero : s[Statistics.nearestRank(percent: p, count: s.count) - 1]
        }
        p50 = rank(50)
        p95 = rank(95)
        p99 = rank(99)
        let sum = s.reduce(Int64(0)) { $0 + $1.nanoseconds }
        mean = s.isEmpty ? .zero : SimDuration(seconds: Double(sum) / Double(s.count) / 1e9)
        max = s.last ?? .zero
    }
}
