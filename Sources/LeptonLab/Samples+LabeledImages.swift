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

/// Loads a data set by catalogue name, or from a folder of IDX files when the argument
/// is a path.
public func loadDataset(_ nameOrPath: String) throws -> DatasetSplit {
    if isDatasetPath(nameOrPath) {
        return try DatasetCatalogue.loadIDX(directory: URL(fileURLWithPath: nameOrPath))
    }
    return try DatasetCatalogue.load(name: nameOrPath)
}

/// Whether a `--dataset` argument names a folder of IDX files rather than a catalogue entry.
func isDatasetPath(_ nameOrPath: String) -> Bool {
    var isDirectory: ObjCBool = false
    return nameOrPath.contains("/") || nameOrPath.hasPrefix(".")
        || FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory) && isDirectory.boolValue
}
