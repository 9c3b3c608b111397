import LeptonData
import LeptonNN

extension Samples {
    /// A tabular data set as regression samples: features `[width]` per row, one target value.
    public init(_ table: TabularData) {
        self.init(features: table.features.map { Float($0) }, sampleShape: [table.width],
                  values: table.targets.map { Float($0) }, width: 1, source: table.source)
    }
}

/// A catalogued tabular data set (`Datasets/tabular.json`) as the 004 §5.2 notebook and
/// `lepton bench --model sensor-regressor` use it: time-ordered train/test split, features
/// standardised with training statistics only.
public struct TabularSplit {
    /// The catalogue entry.
    public let descriptor: TabularDatasetDescriptor
    /// The first part of the rows in time, standardised.
    public let train: TabularData
    /// The rest, standardised with the training rows' μ and σ.
    public let test: TabularData
    /// μ and σ of the training features.
    public let standardizer: Standardizer

    /// Loads `name` (checksum verified) and splits it at `trainFraction` (default: the catalogue's).
    public init(_ name: String, trainFraction: Double? = nil) throws {
        let (data, descriptor) = try TabularCatalogue().load(name: name)
        let (rawTrain, rawTest) = try data.timeOrderedSplit(trainFraction: trainFraction ?? descriptor.trainFraction)
        standardizer = try Standardizer(fittedOn: rawTrain)
        train = try standardizer.apply(rawTrain)
        test = try standardizer.apply(rawTest)
        self.descriptor = descriptor
    }
}
