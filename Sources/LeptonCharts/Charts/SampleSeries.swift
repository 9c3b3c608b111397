/// A named set of samples, for histograms and CDFs (for example latencies).
public struct SampleSeries: Hashable, Sendable {
    /// Legend label.
    public var name: String
    /// The samples, in any order.
    public var samples: [Double]

    /// A sample series.
    public init(_ name: String, samples: [Double]) {
        self.name = name
        self.samples = samples
    }
}
