/// A set of images with one class label each, held as one flat `Float` buffer.
///
/// `images` holds `count × height × width × channels` values in NHWC row-major order,
/// scaled to [0, 1]; `labels[i]` is the class of image `i`, in `0..<classCount`.
public struct LabeledImages: Sendable {
    /// A name for messages and reports, such as "fashion-mnist/train".
    public let name: String
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// Values per pixel (1 for grey-scale).
    public let channels: Int
    /// All pixels, NHWC row-major, scaled to [0, 1].
    public let images: [Float]
    /// One class index per image.
    public let labels: [Int32]
    /// The number of classes; every label is below it.
    public let classCount: Int

    /// Creates a set; the buffer sizes must agree with the shape and every label must be in range.
    public init(name: String, height: Int, width: Int, channels: Int,
                images: [Float], labels: [Int32], classCount: Int) {
        precondition(height > 0 && width > 0 && channels > 0,
                     "\(name): image shape must be positive, got \(height)×\(width)×\(channels)")
        precondition(images.count == labels.count * height * width * channels,
                     "\(name): \(labels.count) labels × \(height)×\(width)×\(channels) need "
                        + "\(labels.count * height * width * channels) values, got \(images.count)")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classCount },
                     "\(name): every label must be in 0..<\(classCount)")
        self.name = name
        self.height = height
        self.width = width
        self.channels = channels
        self.images = images
        self.labels = labels
        self.classCount = classCount
    }

    /// The number of images.
    public var count: Int { labels.count }

    /// Values per image: `height × width × channels`.
    public var valuesPerImage: Int { height * width * channels }

    /// The shape of one image as [height, width, channels].
    public var imageShape: [Int] { [height, width, channels] }

    /// The pixels of image `index` (a view into `images`, no copy).
    public func image(at index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < count, "\(name): image index \(index) is outside 0..<\(count)")
        let start = index * valuesPerImage
        return images[start..<(start + valuesPerImage)]
    }

    /// How many images each class has, indexed by class.
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// The images at `indices`, in that order (indices may repeat).
    ///
    /// Cost: one copy of the selected pixels.
    public func subset(_ indices: [Int], name: String? = nil) -> LabeledImages {
        let per = valuesPerImage
        var pixels: [Float] = []
        pixels.reserveCapacity(indices.count * per)
        var picked: [Int32] = []
        picked.reserveCapacity(indices.count)
        images.withUnsafeBufferPointer { source in
            for index in indices {
                precondition(index >= 0 && index < count, "\(self.name): subset index \(index) is outside 0..<\(count)")
                pixels.append(contentsOf: UnsafeBufferPointer(rebasing: source[(index * per)..<((index + 1) * per)]))
                picked.append(labels[index])
            }
        }
        return LabeledImages(name: name ?? self.name, height: height, width: width, channels: channels,
                             images: pixels, labels: picked, classCount: classCount)
    }

    /// The indices that a stratified every-`k`-th split sends to test, and the rest.
    ///
    /// Within each class, samples are numbered 1, 2, 3, … in their order in the set; those
    /// whose number is a multiple of `k` go to test. No randomness: the same set always
    /// splits the same way, and each class keeps about 1/k of its samples for test.
    public func stratifiedSplitIndices(testEvery k: Int) -> (train: [Int], test: [Int]) {
        precondition(k >= 2, "\(name): testEvery must be at least 2, got \(k)")
        var seen = [Int](repeating: 0, count: classCount)
        var train: [Int] = []
        var test: [Int] = []
        for (index, label) in labels.enumerated() {
            seen[Int(label)] += 1
            if seen[Int(label)] % k == 0 { test.append(index) } else { train.append(index) }
        }
        return (train, test)
    }

    /// Splits the set with `stratifiedSplitIndices(testEvery:)`, naming the parts "<name>/train" and "<name>/test".
    public func stratifiedSplit(testEvery k: Int) -> (train: LabeledImages, test: LabeledImages) {
        let indices = stratifiedSplitIndices(testEvery: k)
        return (subset(indices.train, name: "\(name)/train"), subset(indices.test, name: "\(name)/test"))
    }
}
