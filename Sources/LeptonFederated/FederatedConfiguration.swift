import Foundation
import LeptonEmulation

/// The parameters of one federated run, named as McMahan et al. (2017) name them.
///
/// FedSGD is the special case E = 1, B = ∞ (`batchSize == nil`): each selected client
/// takes one full-batch gradient step and the server averages the results, which equals
/// one step on the averaged gradient. FedAvg uses E local epochs of minibatch SGD with
/// batch size B.
public struct FederatedConfiguration: Sendable, Hashable {
    /// C: the fraction of the K clients selected each round; m = max(⌈C·K⌉, 1) are chosen.
    public var clientFraction: Double
    /// E: local epochs per round.
    public var localEpochs: Int
    /// B: local minibatch size; nil means B = ∞ (the client's whole shard in one batch).
    public var batchSize: Int?
    /// η: the clients' SGD learning rate.
    public var learningRate: Double
    /// The most rounds to run.
    public var rounds: Int
    /// Stop after the first round whose test accuracy reaches this (nil: run all rounds).
    public var targetAccuracy: Double?
    /// Base seed: client selection, shuffling, stragglers, drop-outs and link draws derive from it.
    public var seed: UInt64
    /// Probability that a selected client is a straggler this round (seeded).
    public var stragglerProbability: Double
    /// A straggler's compute time is multiplied by this factor (≥ 1).
    public var stragglerSlowdown: Double
    /// Probability that a selected client drops out after downloading the model (seeded):
    /// its update never arrives and the server averages the others.
    public var dropoutProbability: Double
    /// How clients encode their updates for upload.
    public var compression: UpdateCompression
    /// Evaluate the global model on the test set every this many rounds (and at the last).
    public var evaluateEvery: Int

    /// A configuration; defaults: FedAvg with C = 0.1, E = 5, B = 10, η = 0.1, 100 rounds,
    /// no stragglers, drop-outs or compression.
    public init(clientFraction: Double = 0.1, localEpochs: Int = 5, batchSize: Int? = 10, learningRate: Double = 0.1,
                rounds: Int = 100, targetAccuracy: Double? = nil, seed: UInt64 = 1, stragglerProbability: Double = 0,
                stragglerSlowdown: Double = 4, dropoutProbability: Double = 0, compression: UpdateCompression = .none,
                evaluateEvery: Int = 1) {
        self.clientFraction = clientFraction
        self.localEpochs = localEpochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.rounds = rounds
        self.targetAccuracy = targetAccuracy
        self.seed = seed
        self.stragglerProbability = stragglerProbability
        self.stragglerSlowdown = stragglerSlowdown
        self.dropoutProbability = dropoutProbability
        self.compression = compression
        self.evaluateEvery = evaluateEvery
    }

    /// FedSGD (E = 1, B = ∞) with client fraction C and learning rate η.
    public static func fedSGD(clientFraction: Double, learningRate: Double, rounds: Int, seed: UInt64 = 1) -> FederatedConfiguration {
        FederatedConfiguration(clientFraction: clientFraction, localEpochs: 1, batchSize: nil, learningRate: learningRate,
                               rounds: rounds, seed: seed)
    }

    /// "FedSGD" when E = 1 and B = ∞, else "FedAvg".
    public var algorithmName: String { localEpochs == 1 && batchSize == nil ? "FedSGD" : "FedAvg" }

    /// "FedAvg (C=0.1, E=5, B=10)" / "FedSGD (C=0.1, B=∞)".
    public var label: String {
        let b = batchSize.map(String.init) ?? "∞"
        return algorithmName == "FedSGD" ? "FedSGD (C=\(clientFraction), B=∞)" : "FedAvg (C=\(clientFraction), E=\(localEpochs), B=\(b))"
    }

    /// m = max(⌈C·K⌉, 1): clients selected per round out of `clients`.
    public func selectedPerRound(clients: Int) -> Int { max(1, min(clients, Int((clientFraction * Double(clients)).rounded(.up)))) }

    /// Checks every field and names the first that is out of range.
    public func validate() throws(FederatedError) {
        func bad(_ f: String, _ v: Any, _ e: String) -> FederatedError { .invalidConfiguration(field: f, value: "\(v)", expected: e) }
        guard clientFraction > 0, clientFraction <= 1 else { throw bad("C (clientFraction)", clientFraction, "in (0, 1]") }
        guard localEpochs >= 1 else { throw bad("E (localEpochs)", localEpochs, "≥ 1") }
        if let b = batchSize, b < 1 { throw bad("B (batchSize)", b, "≥ 1, or nil for B = ∞") }
        guard learningRate > 0, learningRate.isFinite else { throw bad("η (learningRate)", learningRate, "> 0") }
        guard rounds >= 1 else { throw bad("rounds", rounds, "≥ 1") }
        if let t = targetAccuracy, !(0...1).contains(t) { throw bad("targetAccuracy", t, "in [0, 1]") }
        guard (0..<1).contains(stragglerProbability) else { throw bad("stragglerProbability", stragglerProbability, "in [0, 1)") }
        guard stragglerSlowdown >= 1 else { throw bad("stragglerSlowdown", stragglerSlowdown, "≥ 1") }
        guard (0..<1).contains(dropoutProbability) else { throw bad("dropoutProbability", dropoutProbability, "in [0, 1)") }
        if case let .topK(f) = compression, !(f > 0 && f <= 1) { throw bad("compression top-k fraction", f, "in (0, 1]") }
        guard evaluateEvery >= 1 else { throw bad("evaluateEvery", evaluateEvery, "≥ 1") }
    }

    /// The seed of client `client`'s local training in round `round` (1-based): the
    /// shuffle order of its epochs.
    public func clientSeed(round: Int, client: Int) -> UInt64 {
        var g = SeededGeneratorFactory.make(seed, "client-\(client)-round-\(round)")
        return g.next()
    }
}
