import LeptonEmulation
import LeptonNN

/// One federated run from a description: split the data over K clients, give them the
/// default edge fleet (``ClientFleet``), build the model and run the rounds.
public enum FederatedStudy {
    /// What to run.
    public struct Setup: Sendable, Hashable {
        /// "2nn" or "cnn" (``FederatedModels``).
        public var model: String
        /// K, the number of clients.
        public var clients: Int
        /// How samples are spread over the clients.
        public var partition: Partition
        /// C, E, B, η, rounds, target, stragglers, drop-outs, compression, seed.
        public var configuration: FederatedConfiguration
        /// Seed of the initial weights (the same for every algorithm, so runs start alike).
        public var modelSeed: UInt64

        /// A setup from its parts.
        public init(model: String, clients: Int, partition: Partition, configuration: FederatedConfiguration, modelSeed: UInt64) {
            self.model = model
            self.clients = clients
            self.partition = partition
            self.configuration = configuration
            self.modelSeed = modelSeed
        }
    }

    /// Runs `setup` on labelled `train` and `test` samples; the partition's draws use the
    /// model seed, so every algorithm sees the same shards.
    public static func run(_ setup: Setup, train: Samples, test: Samples,
                           progress: ((RoundRecord) -> Void)? = nil) throws -> FederatedTraining {
        guard case let .classes(labels, classes) = train.targets else {
            throw FederatedError.invalidConfiguration(field: "train targets", value: "real values", expected: "class labels")
        }
        let shards = try setup.partition.split(labels: labels, classes: classes, clients: setup.clients, seed: setup.modelSeed)
        let model = try FederatedModels.make(setup.model, inputShape: train.sampleShape, classes: classes, seed: setup.modelSeed)
        let local = try FederatedModels.make(setup.model, inputShape: train.sampleShape, classes: classes, seed: setup.modelSeed)
        let fl = try FederatedTraining(model: model, localModel: local, clients: ClientFleet.make(shards: shards), train: train,
                                       test: test, configuration: setup.configuration)
        _ = try fl.run(progress: progress)
        return fl
    }
}
