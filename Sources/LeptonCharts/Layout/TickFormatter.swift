import Foundation
import LeptonCore

/// Short, human labels for tick values: "0.25", "1.5k", "10M", "0.001".
public enum TickFormatter {
    /// The label of `value` on an axis whose ticks are `step` apart (0 for log axes).
    public static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 10_000 {
            let (divisor, suffix): (Double, String) = magnitude >= 1e9 ? (1e9, "G") : magnitude >= 1e6 ? (1e6, "M") : (1e3, "k")
            let scaledStep = step > 0 ? step / divisor : 1
            return trimmed(value / divisor, decimals: decimals(for: scaledStep)) + suffix
        }
        if step == 0 {
            if magnitude < 1e-4 { return String(format: "%.0e", value) }
            return trimmed(value, decimals: decimals(for: magnitude))
        }
        return trimmed(value, decimals: decimals(for: step))
    }

    /// A compact value for annotations (heatmap cells, labels): 3 significant digits.
    public static func compact(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 10_000 { return label(value, step: PortableMath.powerOfTen(PortableMath.decimalExponent(magnitude) - 2)) }
        if magnitude < 1e-3 { return String(format: "%.2e", value) }
        let digits = max(0, 2 - PortableMath.decimalExponent(magnitude))
        return trimmed(value, decimals: digits)
    }

    /// The fewest decimals (up to 6) that write `step` exactly, so 0.25 keeps two.
    private static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        for places in 0...6 {
            let scaled = step * PortableMath.powerOfTen(places)
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return places }
        }
        return 6
    }

    private static func trimmed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
