/// A set of 8-bit images with one class label each, kept as the file's bytes (one byte
/// per pixel value) so that a data set costs a quarter of its ``LabeledImages`` floats.
///
/// Pixel value `b` stands for `Float(b) / 255`, exactly the value ``LabeledImages`` holds
/// for the same file; consumers convert one batch at a time.
public struct ByteImages: Sendable {
    /// A name for messages and reports, such as "fashion-mnist/train".
    public let name: String
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// Values per pixel (1 for grey-scale).
    public let channels: Int
    /// All pixel values, NHWC row-major, 0...255.
    public let pixels: [UInt8]
    /// One class index per image.
    public let labels: [Int32]
    /// The number of classes; every label is below it.
    public let classCount: Int

    /// The divisor that maps a byte to the [0, 1] value it stands for.
    public static let scale: Float = 255

    /// Creates a set; the buffer sizes must agree with the shape and every label must be in range.
    public init(name: String, height: Int, width: Int, channels: Int, pixels: [UInt8], labels: [Int32], classCount: Int) {
        precondition(height > 0 && width > 0 && channels > 0,
                     "\(name): image shape must be positive, got \(height)×\(width)×\(channels)")
        precondition(pixels.count == labels.count * height * width * channels,
                     "\(name): \(labels.count) labels × \(height)×\(width)×\(channels) need "
                        + "\(labels.count * height * width * channels) bytes, got \(pixels.count)")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classCount }, "\(name): every label must be in 0..<\(classCount)")
        self.name = name
        self.height = height
        self.width = width
        self.channels = channels
        self.pixels = pixels
        self.labels = labels
        self.classCount = classCount
    }

    /// The number of images.
    public var count: Int { labels.count }

    /// The shape of one image as [height, width, channels].
    public var imageShape: [Int] { [height, width, channels] }

    /// Builds a set from parsed IDX images (N×H×W) and labels (N), checking counts and labels.
    public static func fromIDX(images: IDXFile, imagesPath: String, labels: IDXFile, labelsPath: String,
                               name: String, classCount: Int, remedy: String) throws(DataError) -> ByteImages {
        guard images.dimensions.count == 3 else {
            throw .wrongMagic(path: imagesPath, expected: [0, 0, IDXFile.unsignedByteType, 3],
                              found: [0, 0, IDXFile.unsignedByteType, UInt8(clamping: images.dimensions.count)], remedy: remedy)
        }
        guard labels.dimensions.count == 1 else {
            throw .wrongMagic(path: labelsPath, expected: [0, 0, IDXFile.unsignedByteType, 1],
                              found: [0, 0, IDXFile.unsignedByteType, UInt8(clamping: labels.dimensions.count)], remedy: remedy)
        }
        let count = images.dimensions[0]
        guard labels.dimensions[0] == count else {
            throw .wrongCount(imagesPath: imagesPath, labelsPath: labelsPath, images: count,
                              labels: labels.dimensions[0], remedy: remedy)
        }
        var classes: [Int32] = []
        classes.reserveCapacity(count)
        for (index, byte) in labels.elements.enumerated() {
            guard Int(byte) < classCount else {
                throw .labelOutOfRange(path: labelsPath, index: index, label: Int(byte), classCount: classCount, remedy: remedy)
            }
            classes.append(Int32(byte))
        }
        return ByteImages(name: name, height: images.dimensions[1], width: images.dimensions[2], channels: 1,
                          pixels: images.elements, labels: classes, classCount: classCount)
    }
}

/// A data set of 8-bit images loaded and verified as bytes: the counterpart of
/// ``DatasetSplit`` for IDX data sets (see ``DatasetCatalogue/loadBytes(name:)``).
public struct ByteDatasetSplit: Sendable {
    /// The catalogue name or the folder path.
    public let name: String
    /// The training images.
    public let train: ByteImages
    /// The held-out test images.
    public let test: ByteImages
    /// A human-readable name for each class index.
    public let classNames: [String]
    /// SHA-256 (lower-case hex) of every file read, keyed by file name.
    public let checksums: [String: String]

    /// Bundles the parts of a loaded data set.
    public init(name: String, train: ByteImages, test: ByteImages, classNames: [String], checksums: [String: String]) {
        self.name = name
        self.train = train
        self.test = test
        self.classNames = classNames
        self.checksums = checksums
    }
}
