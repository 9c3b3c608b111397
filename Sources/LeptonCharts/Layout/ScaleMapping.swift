import Foundation
import LeptonCore

/// Maps data values on a numeric axis to CSS-pixel positions.
///
/// Linear: `p = start + (v − lower) / (upper − lower) · (end − start)`.
/// Logarithmic: the same with the logarithms of `v`, `lower` and `upper` (`PortableMath.log`:
/// the base cancels, and no C library decides a pixel).
/// For a y axis `start` is the bottom of the plot and `end` the top.
public struct ScaleMapping: Hashable, Sendable {
    /// Smallest value on the axis.
    public var lower: Double
    /// Largest value on the axis.
    public var upper: Double
    /// Pixel position of `lower`.
    public var start: Double
    /// Pixel position of `upper`.
    public var end: Double
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// Tick values, all within `lower…upper`.
    public var ticks: [Double]
    /// Linear tick spacing (0 on log axes), for labelling.
    public var step: Double

    /// The CSS-pixel position of `value` (values outside the bounds extrapolate).
    public func position(of value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .linear:
            fraction = (value - lower) / (upper - lower)
        case .logarithmic:
            let safe = max(value, Double.leastNormalMagnitude)
            fraction = (PortableMath.log(safe) - PortableMath.log(lower)) / (PortableMath.log(upper) - PortableMath.log(lower))
        }
        return start + fraction * (end - start)
    }

    /// `position(of:)` clamped to the axis bounds.
    func clampedPosition(of value: Double) -> Double {
        position(of: min(max(value, lower), upper))
    }
}
