/// An in-memory set of samples with targets, laid out for batching.
///
/// Features are row-major, one sample after another, each of ``sampleShape``
/// (images NHWC). Targets are class labels or real-valued vectors. Features are held as
/// floats, or — for 8-bit images, a quarter of the memory — as bytes that stand for
/// `byte / scale` and are converted one batch at a time (``copyFeatures(_:into:)``).
public struct Samples: Sendable {
    /// How the features are held.
    enum Storage: Sendable {
        case floats([Float])
        case bytes([UInt8], scale: Float)
    }

    /// What the model should predict for each sample.
    public enum Targets: Sendable, Equatable {
        /// One class index per sample in 0..<count.
        case classes([Int32], count: Int)
        /// `width` real values per sample.
        case values([Float], width: Int)
    }

    let storage: Storage

    /// The features, `count × sampleShape.product` values. For samples held as bytes this
    /// converts all of them (a full-size copy); batch code uses ``copyFeatures(_:into:)``.
    public var features: [Float] {
        switch storage {
        case let .floats(f): return f
        case let .bytes(b, scale): return b.map { Float($0) / scale }
        }
    }

    /// Whether the features are held as bytes (converted per batch).
    public var isStoredAsBytes: Bool {
        if case .bytes = storage { return true }
        return false
    }

    /// The number of feature values held.
    var valueCount: Int {
        switch storage {
        case let .floats(f): return f.count
        case let .bytes(b, _): return b.count
        }
    }
    /// The shape of one sample.
    public let sampleShape: [Int]
    /// The targets.
    public let targets: Targets
    /// Where the samples came from, for error messages ("digits/train").
    public let source: String

    /// Samples with class labels.
    public init(features: [Float], sampleShape: [Int], labels: [Int32], classes: Int, source: String) {
        self.storage = .floats(features)
        self.sampleShape = sampleShape
        self.targets = .classes(labels, count: classes)
        self.source = source
    }

    /// Samples with real-valued targets of `width` values each.
    public init(features: [Float], sampleShape: [Int], values: [Float], width: Int, source: String) {
        self.storage = .floats(features)
        self.sampleShape = sampleShape
        self.targets = .values(values, width: width)
        self.source = source
    }

    /// Samples with class labels whose features are bytes standing for `byte / scale`
    /// (8-bit images with scale 255 give the same values as their float conversion).
    public init(bytes: [UInt8], scale: Float, sampleShape: [Int], labels: [Int32], classes: Int, source: String) {
        precondition(scale > 0, "\(source): byte scale must be positive, got \(scale)")
        self.storage = .bytes(bytes, scale: scale)
        self.sampleShape = sampleShape
        self.targets = .classes(labels, count: classes)
        self.source = source
    }

    private init(storage: Storage, sampleShape: [Int], targets: Targets, source: String) {
        self.storage = storage
        self.sampleShape = sampleShape
        self.targets = targets
        self.source = source
    }

    /// Writes the features of the samples at `indices`, one after another, to `output`
    /// (`indices.count × sampleSize` floats), converting bytes on the way.
    public func copyFeatures<C: Collection>(_ indices: C, into output: UnsafeMutablePointer<Float>) where C.Element == Int {
        let s = sampleSize
        switch storage {
        case let .floats(f):
            f.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress else { return }
                for (row, i) in indices.enumerated() { (output + row * s).update(from: base + i * s, count: s) }
            }
        case let .bytes(b, scale):
            let table = scale == ByteScaleTable.scale255.scale ? ByteScaleTable.scale255 : ByteScaleTable(scale: scale)
            table.values.withUnsafeBufferPointer { lookup in
                b.withUnsafeBufferPointer { src in
                    guard let base = src.baseAddress, let t = lookup.baseAddress else { return }
                    for (row, i) in indices.enumerated() {
                        let from = base + i * s, to = output + row * s
                        for j in 0..<s { to[j] = t[Int(from[j])] }
                    }
                }
            }
        }
    }

    /// The number of values in one sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The number of samples.
    public var count: Int { sampleSize == 0 ? 0 : valueCount / sampleSize }

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
        guard valueCount == count * sampleSize else {
            throw .inputShape(expected: sampleShape, found: [valueCount % sampleSize], source: source)
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

    /// The samples at `indices`, in that order (held as bytes when these are).
    public func subset(_ indices: [Int], source: String? = nil) -> Samples {
        let s = sampleSize
        let picked: Storage
        switch storage {
        case let .floats(features):
            var f = [Float](); f.reserveCapacity(indices.count * s)
            for i in indices { f.append(contentsOf: features[(i * s)..<((i + 1) * s)]) }
            picked = .floats(f)
        case let .bytes(bytes, scale):
            var b = [UInt8](); b.reserveCapacity(indices.count * s)
            for i in indices { b.append(contentsOf: bytes[(i * s)..<((i + 1) * s)]) }
            picked = .bytes(b, scale: scale)
        }
        switch targets {
        case let .classes(labels, classes):
            return Samples(storage: picked, sampleShape: sampleShape, targets: .classes(indices.map { labels[$0] }, count: classes),
                           source: source ?? self.source)
        case let .values(values, width):
            var v = [Float](); v.reserveCapacity(indices.count * width)
            for i in indices { v.append(contentsOf: values[(i * width)..<((i + 1) * width)]) }
            return Samples(storage: picked, sampleShape: sampleShape, targets: .values(v, width: width), source: source ?? self.source)
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

/// The 256 floats `byte / scale`, the exact values a float conversion of 8-bit data holds.
struct ByteScaleTable: Sendable {
    let scale: Float
    let values: [Float]
    init(scale: Float) {
        self.scale = scale
        values = (0...255).map { Float($0) / scale }
    }
    static let scale255 = ByteScaleTable(scale: 255)
}
