import LeptonData
import LeptonNN

extension Samples {
    /// A tabular data set as regression samples: features `[width]` per row, one target value.
    init(_ table: TabularData) {
        self.init(features: table.features.map { Float($0) }, sampleShape: [table.width],
                  values: table.targets.map { Float($0) }, width: 1, source: table.source)
    }
}

/// The sensor data as the 004 §5.2 notebook uses it: time-ordered train/test split,
/// features standardised with training statistics only.
struct SensorData {
    let descriptor: TabularDatasetDescriptor
    let train: TabularData
    let test: TabularData
    let standardizer: Standardizer

    init(_ name: String, trainFraction: Double? = nil) throws {
        let (data, descriptor) = try TabularCatalogue().load(name: name)
        let (rawTrain, rawTest) = try data.timeOrderedSplit(trainFraction: trainFraction ?? descriptor.trainFraction)
        standardizer = try Standardizer(fittedOn: rawTrain)
        train = try standardizer.apply(rawTrain)
        test = try standardizer.apply(rawTest)
        self.descriptor = descriptor
    }
}
