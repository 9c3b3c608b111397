/// Which direction of change is an improvement for a metric. One type for the whole of
/// Lepton: metric declarations, results.json (`"higher"`, `"lower"`, `"neutral"`),
/// regression checks and the report's metric cards.
public enum Polarity: String, Hashable, Sendable, Codable {
    /// Larger is better (accuracy, throughput).
    case higherIsBetter = "higher"
    /// Smaller is better (latency, loss, energy).
    case lowerIsBetter = "lower"
    /// Neither direction is good or bad.
    case neutral
}
