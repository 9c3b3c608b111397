import Foundation
import LeptonData
import LeptonNN

extension Samples {
    /// The images and labels of a data set split as training samples.
    public init(_ images: LabeledImages) {
        self.init(features: images.images, sampleShape: images.imageShape, labels: images.labels,
                  classes: images.classCount, source: images.name)
    }
}

/// Loads a data set by catalogue name, or from a folder of IDX files, by the one rule of
/// ``DatasetReference`` (what `ctx.dataset` and every command use).
public func loadDataset(_ nameOrPath: String) throws -> DatasetSplit {
    try DatasetCatalogue.load(name: nameOrPath)
}
