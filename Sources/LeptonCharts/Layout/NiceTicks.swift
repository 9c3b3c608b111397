import Foundation
import LeptonCore

/// "Nice" axis bounds and tick values (1, 2, 2.5 or 5 times a power of ten).
///
/// The linear rule is Heckbert's (Graphics Gems, 1990): pick a step near
/// `range / target` rounded to a nice number, then widen the bounds to multiples of
/// the step. The logarithmic rule puts ticks on whole decades, adding 2× and 5× when
/// the data spans fewer than three decades. Powers of ten and decimal exponents come from
/// `PortableMath` (exact, no C library), so the same data gives the same ticks — and the
/// same chart bits — on every machine (docs/ARCHITECTURE.md, "Numerics").
public struct NiceTicks: Hashable, Sendable {
    /// Lower bound of the axis.
    public var lower: Double
    /// Upper bound of the axis.
    public var upper: Double
    /// Tick values from `lower` to `upper`.
    public var values: [Double]
    /// Distance between linear ticks (used to choose decimals); 0 for log axes.
    public var step: Double

    /// Ticks for a linear axis covering `minimum…maximum` with about `target` ticks;
    /// with `integer`, the step is a whole number (1, 2, 5 × 10ⁿ, never 2.5 or below 1).
    public static func linear(minimum: Double, maximum: Double, target: Int, integer: Bool = false) -> NiceTicks {
        var low = minimum
        var high = maximum
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        var step = niceNumber((high - low) / Double(max(1, target - 1)), round: true)
        if integer {
            step = max(1, step)
            if step != step.rounded() { step = (step * 0.8).rounded() }
        }
        let lower = (low / step).rounded(.down) * step
        let upper = (high / step).rounded(.up) * step
        var values: [Double] = []
        var index = 0.0
        while lower + index * step <= upper + step * 1e-9 {
            let value = lower + index * step
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            index += 1
        }
        return NiceTicks(lower: lower, upper: upper, values: values, step: step)
    }

    /// Ticks for a base-10 logarithmic axis covering `minimum…maximum` (both > 0).
    public static func logarithmic(minimum: Double, maximum: Double) -> NiceTicks {
        var lowExponent = PortableMath.decimalExponent(minimum)
        let top = PortableMath.decimalExponent(maximum)
        var highExponent = PortableMath.powerOfTen(top) < maximum ? top + 1 : top
        if highExponent <= lowExponent { highExponent = lowExponent + 1 }
        if highExponent - lowExponent > 12 { lowExponent = highExponent - 12 }
        let decades = highExponent - lowExponent
        var values: [Double] = []
        var exponent = lowExponent
        while exponent <= highExponent {
            let base = PortableMath.powerOfTen(exponent)
            values.append(base)
            if decades < 3, exponent < highExponent {
                values.append(2 * base)
                values.append(5 * base)
            }
            exponent += 1
        }
        return NiceTicks(lower: PortableMath.powerOfTen(lowExponent), upper: PortableMath.powerOfTen(highExponent),
                         values: values, step: 0)
    }

    /// Rounds `value` to 1, 2, 2.5, 5 or 10 times a power of ten.
    static func niceNumber(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = PortableMath.powerOfTen(PortableMath.decimalExponent(value))
        let fraction = value / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }
}
