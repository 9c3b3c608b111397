import Foundation
import LeptonData
import LeptonNN

/// A data set's training and test samples for `lepton train` and `bench`: a catalogued
/// 8-bit IDX set stays bytes (a quarter of the memory of floats, converted one batch at a
/// time), anything else is loaded as floats. Names resolve by ``DatasetReference``'s rule.
public struct LoadedSamples {
    /// The catalogue name, or the folder's path.
    public let name: String
    /// The training split.
    public let train: Samples
    /// The test split.
    public let test: Samples
    /// A name per class index.
    public let classNames: [String]
    /// The number of classes.
    public let classCount: Int

    /// Loads a catalogued data set or a folder of IDX files.
    public init(_ nameOrPath: String) throws {
        if let bytes = try DatasetCatalogue.loadBytes(name: nameOrPath) {
            func samples(_ set: ByteImages) -> Samples {
                Samples(bytes: set.pixels, scale: ByteImages.scale, sampleShape: set.imageShape, labels: set.labels,
                        classes: set.classCount, source: set.name)
            }
            name = bytes.name
            train = samples(bytes.train)
            test = samples(bytes.test)
            classNames = bytes.classNames
            classCount = bytes.train.classCount
        } else {
            let data = try DatasetCatalogue.load(name: nameOrPath)
            name = data.name
            train = Samples(data.train)
            test = Samples(data.test)
            classNames = data.classNames
            classCount = data.train.classCount
        }
    }

    /// The shape of one sample.
    public var imageShape: [Int] { train.sampleShape }
}
