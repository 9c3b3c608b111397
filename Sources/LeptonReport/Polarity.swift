/// Which direction of change is an improvement for a metric.
public enum Polarity: Hashable, Sendable {
    /// Larger is better (accuracy, throughput).
    case higherIsBetter
    /// Smaller is better (latency, loss, energy).
    case lowerIsBetter
    /// Neither direction is good or bad.
    case neutral
}
