import Foundation
import LeptonCharts

/// A headline number: a value with its unit, and its change against a baseline
/// coloured good or bad by the metric's polarity.
public struct MetricCard: Hashable, Sendable {
    /// How a change compares with the baseline.
    public enum Trend: Hashable, Sendable { case better, worse, unchanged, neutral }

    /// What is measured.
    public var label: String
    /// The measured value.
    public var value: Double
    /// Unit shown after the value.
    public var unit: String?
    /// The value to compare against, if any.
    public var baseline: Double?
    /// Whether larger or smaller is better.
    public var polarity: Polarity
    /// Decimal places; nil shows three significant digits.
    public var decimals: Int?
    /// What the baseline is, in the delta line ("vs the previous run"); nil: "vs baseline".
    public var baselineLabel: String? = nil
    /// The 95 % interval of `value` over seeds, shown under it; nil for one value.
    public var interval: ClosedRange<Double>? = nil

    /// A metric card.
    public init(_ label: String, value: Double, unit: String? = nil, baseline: Double? = nil,
                polarity: Polarity = .neutral, decimals: Int? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.polarity = polarity
        self.decimals = decimals
    }

    /// `value − baseline`, or nil without a baseline.
    public var delta: Double? { baseline.map { value - $0 } }

    /// Whether the change is an improvement, by polarity.
    public var trend: Trend? {
        guard let delta else { return nil }
        if delta == 0 { return .unchanged }
        switch polarity {
        case .neutral: return .neutral
        case .higherIsBetter: return delta > 0 ? .better : .worse
        case .lowerIsBetter: return delta < 0 ? .better : .worse
        }
    }

    /// `value` formatted for display.
    public func formatted(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "n/a" : (number > 0 ? "∞" : "−∞") }
        if let decimals { return String(format: "%.\(max(0, min(12, decimals)))f", number) }
        return TickFormatter.compact(number)
    }
}
