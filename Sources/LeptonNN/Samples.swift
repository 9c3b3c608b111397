/// An in-memory set of samples with targets, laid out for batching.
///
/// Features are row-major, one sample after another, each of ``sampleShape``
/// (images NHWC). Targets are class labels or real-valued vectors.
public struct Samples: Sendable {
    /// What the model should predict for each sample.
    public enum Targets: Sendable, Equatable {
        /// One class index per sample in 0..<count.
        case classes([Int32], count: Int)
        /// `width` real values per sample.
        case values([Float], width: Int)
    }

    /// The features, `count × sampleShape.product` values.
    public let features: [Float]
    /// The shape of one sample.
    public let sampleShape: [Int]
    /// The targets.
    public let targets: Targets
    /// Where the samples came from, for error messages ("digits/train").
    public let source: String

    /// Samples with class labels.
    public init(features: [Float], sampleShape: [Int], labels: [Int32], classes: Int, source: String) {
        self.features = features
        self.sampleShape = sampleShape
        self.targets = .classes(labels, count: classes)
        self.source = source
    }

    /// Samples with real-valued targets of `width` values each.
    public init(features: [Float], sampleShape: [Int], values: [Float], width: Int, source: String) {
        self.features = features
        self.sampleShape = sampleShape
        self.targets = .values(values, width: width)
        self.source = source
    }

    /// The number of values in one sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The number of samples.
    public var count: Int { sampleSize == 0 ? 0 : features.count / sampleSize }

    /// The number of target values per sample (classes for labels).
    public var targetWidth: Int {
        switch targets {
        case let .classes(_, count): return count
        case let .values(_, width): return width
        }
    }

    /// The class labels, if the targets are classes.
    public var labels: [Int32]? {
        if case let .classes(l, _) = targets { return l }
        return nil
    }

    /// Checks sizes and label ranges.
    public func validate() throws(NNError) {
        guard count > 0 else { throw .emptyData(what: source) }
        guard features.count == count * sampleSize else {
            throw .inputShape(expected: sampleShape, found: [features.count % sampleSize], source: source)
        }
        switch targets {
        case let .classes(labels, classes):
            guard labels.count == count else {
                throw .invalidValue(name: "\(source) labels", value: "\(labels.count)", allowed: "\(count) (one per sample)")
            }
            for (i, l) in labels.enumerated() where l < 0 || Int(l) >= classes {
                throw .labelOutOfRange(index: i, label: l, classes: classes)
            }
        case let .values(values, width):
            guard values.count == count * width else {
                throw .invalidValue(name: "\(source) targets", value: "\(values.count)", allowed: "\(count * width) (\(width) per sample)")
            }
        }
    }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int], source: String? = nil) -> Samples {
        let s = sampleSize
        var f = [Float](); f.reserveCapacity(indices.count * s)
        for i in indices { f.append(contentsOf: features[(i * s)..<((i + 1) * s)]) }
        switch targets {
        case let .classes(labels, classes):
            return Samples(features: f, sampleShape: sampleShape, labels: indices.map { labels[$0] },
                           classes: classes, source: source ?? self.source)
        case let .values(values, width):
            var v = [Float](); v.reserveCapacity(indices.count * width)
            for i in indices { v.append(contentsOf: values[(i * width)..<((i + 1) * width)]) }
            return Samples(features: f, sampleShape: sampleShape, values: v, width: width, source: source ?? self.source)
        }
    }

    /// Splits off the last `fraction` of the samples (before any shuffling), as Keras's
    /// `validation_split` does.
    public func splitTail(fraction: Double) -> (head: Samples, tail: Samples) {
        let tailCount = Int((Double(count) * fraction).rounded(.down))
        let headCount = count - tailCount
        return (subset(Array(0..<headCount), source: source + " (training part)"),
                subset(Array(headCount..<count), source: source + " (validation part)"))
    }
}
