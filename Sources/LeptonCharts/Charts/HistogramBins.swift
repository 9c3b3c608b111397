import Foundation
import LeptonCore

/// Equal-width bins over a range and the count of samples in each.
public struct HistogramBins: Hashable, Sendable {
    /// Left edge of the first bin.
    public var lower: Double
    /// Width of every bin.
    public var width: Double
    /// Bin edges: `count + 1` values from `lower` to the right edge of the last bin.
    public var edges: [Double] { (0...counts.count).map { lower + Double($0) * width } }
    /// Number of samples per bin.
    public var counts: [Int]

    /// Counts `samples` into `binCount` bins spanning `lower…upper`; the last bin
    /// includes its right edge, samples outside the range are ignored.
    public init(samples: [Double], lower: Double, upper: Double, binCount: Int) {
        let bins = max(1, binCount)
        let span = upper > lower ? upper - lower : 1
        self.lower = lower
        self.width = span / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for sample in samples where sample >= lower && sample <= lower + span {
            let index = min(bins - 1, Int((sample - lower) / width))
            counts[index] += 1
        }
        self.counts = counts
    }

    /// A bin count by the Freedman–Diaconis rule, width = 2·IQR·n^(−1/3), kept in 5…60.
    public static func suggestedCount(for samples: [Double]) -> Int {
        guard samples.count > 1 else { return 1 }
        let sorted = samples.sorted()
        let iqr = Statistics.percentile(sorted, 75) - Statistics.percentile(sorted, 25)
        let span = sorted[sorted.count - 1] - sorted[0]
        guard iqr > 0, span > 0 else { return 10 }
        let width = 2 * iqr / PortableMath.pow(Double(sorted.count), 1.0 / 3.0)
        return max(5, min(60, Int((span / width).rounded(.up))))
    }
}
