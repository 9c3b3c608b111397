/// Maps categories (bar groups, heatmap rows and columns, Gantt rows) to equal bands.
public struct BandMapping: Hashable, Sendable {
    /// The category labels in axis order.
    public var labels: [String]
    /// Pixel position where the first band starts.
    public var start: Double
    /// Pixel position where the last band ends.
    public var end: Double
    /// Fraction of each band left empty, split equally on both sides (0 for heatmaps).
    public var padding: Double

    /// Width of one band including its padding.
    public var bandwidth: Double { labels.isEmpty ? 0 : (end - start) / Double(labels.count) }

    /// The start and length of the drawn part of band `index`.
    public func band(_ index: Int) -> (start: Double, length: Double) {
        let full = bandwidth
        let inset = full * padding / 2
        return (start + Double(index) * full + inset, full - 2 * inset)
    }

    /// The centre of band `index`.
    public func center(_ index: Int) -> Double {
        start + (Double(index) + 0.5) * bandwidth
    }
}
