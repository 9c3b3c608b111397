import Foundation
import LeptonCore
import LeptonEmulation
import LeptonNN
import LeptonTensor

/// Federated training (McMahan et al., AISTATS 2017) of a ``Sequential`` model over
/// emulated edge clients, with every client's local training run for real on Lepton's core.
///
/// Round t (1-based):
/// 1. the server selects m = max(⌈C·K⌉, 1) of the K clients (stream `select-round-t`);
/// 2. each selected client downloads the global weights w_t over its link's downlink;
///    with probability p_drop it then drops out and its update never arrives;
/// 3. each arriving client k copies w_t, runs E epochs of SGD(η) with batch B (B = ∞: its
///    whole shard) on its n_k samples, shuffled with ``FederatedConfiguration/clientSeed(round:client:)``,
///    and uploads its update over the uplink (float32 weights, or a compressed δ_k = w_k − w_t);
/// 4. the server averages weighted by sample counts:
///    w_{t+1} = Σ_k (n_k / n) · w_k, or w_t + Σ_k (n_k / n) · δ̂_k with compression,
///    n = Σ n_k over arriving clients, summed in ascending client order.
///
/// Emulated time of a round = max over arriving clients of
/// download(direction down) + compute + upload(direction up), where compute =
/// 3 · forward FLOPs · n_k · E on the client's tier (``Clock/modelledTime(flops:on:int8:)``),
/// times the straggler slowdown for a straggler. Bytes per round are wire bytes (payload
/// plus per-packet headers, ``Link/wireBytes(for:)``); the model payload is its
/// safetensors encoding. The server's own averaging time is not modelled.
///
/// Same seed ⇒ same rounds, bit for bit, whatever the thread count (the trainer splits
/// every batch into the same halves on any thread count; clients run one after another).
public final class FederatedTraining {
    /// The global model w_t (updated in place each round).
    public let model: Sequential
    /// The clients, index k = position.
    public let clients: [FederatedClient]
    /// The pooled training samples; clients hold index lists into it.
    public let train: Samples
    /// The server's test set.
    public let test: Samples
    /// The run's parameters.
    public let configuration: FederatedConfiguration
    /// The server tier's name (every client's link joins it).
    public let server: String
    /// The clock that turns FLOPs into emulated compute time.
    public let clock: Clock
    /// The loss of local training and evaluation.
    public let loss: Loss
    /// One record per finished round.
    public private(set) var history: [RoundRecord] = []
    /// Payload bytes of the float32 model (its safetensors encoding).
    public let modelBytes: ByteCount

    private let local: Sequential
    private let localTrainer: Trainer
    private let evaluator: Trainer
    private let shards: [Samples]
    private var elapsed = SimDuration.zero
    private var cumulativeBytes = ByteCount.zero

    /// A run. `localModel` must have the same layers and shapes as `model` (its weights are
    /// overwritten each round); it is the device the clients' training runs on.
    public init(model: Sequential, localModel: Sequential, clients: [FederatedClient], train: Samples, test: Samples,
                configuration: FederatedConfiguration, server: String = "cloud", clock: Clock = .modelled(),
                loss: Loss = .categoricalCrossEntropy) throws(FederatedError) {
        try configuration.validate()
        guard !clients.isEmpty else { throw .invalidConfiguration(field: "clients", value: "0", expected: "≥ 1") }
        let shapes = model.parameters.map(\.shape), localShapes = localModel.parameters.map(\.shape)
        guard shapes == localShapes else {
            throw .invalidConfiguration(field: "localModel", value: "parameter shapes \(localShapes)", expected: "the global model's \(shapes)")
        }
        for c in clients {
            guard c.link.joins(c.name, server) else { throw .linkMismatch(client: c.name, link: c.link.name, server: server) }
            let batch = configuration.batchSize.map { min($0, max(c.sampleCount, 1)) } ?? max(c.sampleCount, 1)
            let need = ModelFootprint.training(model: model, batch: batch).total
            guard need <= c.tier.memory else {
                throw .clientOutOfMemory(client: c.name, tier: c.tier.name, needed: need.bytes, available: c.tier.memory.bytes)
            }
            if let bad = c.indices.first(where: { $0 < 0 || $0 >= train.count }) {
                throw .invalidConfiguration(field: "client \(c.name) sample index", value: "\(bad)", expected: "in 0..<\(train.count)")
            }
        }
        self.model = model
        self.local = localModel
        self.clients = clients
        self.train = train
        self.test = test
        self.configuration = configuration
        self.server = server
        self.clock = clock
        self.loss = loss
        self.modelBytes = .bytes(Safetensors.encode(model).count)
        self.localTrainer = Trainer(model: localModel, loss: loss, optimizer: SGD(learningRate: Float(configuration.learningRate)))
        self.evaluator = Trainer(model: model, loss: loss, optimizer: SGD())
        self.shards = clients.map { train.subset($0.indices, source: "\(train.source)@\($0.name)") }
    }

    /// Runs rounds until ``FederatedConfiguration/rounds`` or, when a target is set, the
    /// first round whose test accuracy reaches it; returns the whole history.
    public func run(progress: ((RoundRecord) -> Void)? = nil) throws(FederatedError) -> [RoundRecord] {
        while history.count < configuration.rounds {
            let record = try round()
            progress?(record)
            if let target = configuration.targetAccuracy, let a = record.testAccuracy, a >= target { break }
        }
        return history
    }

    /// One round (see the type's description); appends and returns its record.
    @discardableResult
    public func round() throws(FederatedError) -> RoundRecord {
        let c = configuration
        let t = history.count + 1
        let selected = select(round: t)
        var dropped: [Int] = [], stragglers: [Int] = []
        for k in selected {
            var events = SeededGeneratorFactory.make(c.seed, "events-round-\(t)-client-\(k)")
            if events.nextUnitDouble() < c.stragglerProbability { stragglers.append(k) }
            if events.nextUnitDouble() < c.dropoutProbability { dropped.append(k) }
        }
        let arriving = selected.filter { !dropped.contains($0) && clients[$0].sampleCount > 0 }
        let n = arriving.reduce(0) { $0 + clients[$1].sampleCount }
        let global = model.parameters.map { $0.value.array }
        var aggregate: [[Float]]? = nil
        var down = ByteCount.zero, up = ByteCount.zero
        var duration = SimDuration.zero, slowest = SimDuration.zero
        var lossSum = 0.0

        for k in selected {
            let client = clients[k]
            var linkRNG = SeededGeneratorFactory.make(c.seed, "link-round-\(t)-client-\(k)")
            let downDirection = client.link.direction(from: server)
            let upDirection = client.link.direction(from: client.name)
            let download = client.link.transfer(modelBytes, direction: downDirection, rng: &linkRNG)
            down += download.wireBytes
            guard arriving.contains(k) else { continue }

            let trained = try trainLocally(client: k, round: t, from: global)
            lossSum += trained.loss * Double(client.sampleCount)
            let (contribution, payload) = encodeUpdate(from: global)
            aggregate = Self.accumulate(aggregate, contribution, weight: Float(Double(client.sampleCount) / Double(n)))
            let upload = client.link.transfer(.bytes(payload), direction: upDirection, rng: &linkRNG)
            up += upload.wireBytes

            var compute = clock.modelledTime(flops: 3 * model.forwardFLOPs * client.sampleCount * c.localEpochs, on: client.tier)
            if stragglers.contains(k) { compute = SimDuration(seconds: compute.seconds * c.stragglerSlowdown) }
            slowest = max(slowest, compute)
            duration = max(duration, download.duration + compute + upload.duration)
        }

        if let aggregate { apply(aggregate, to: global) }
        elapsed += duration
        cumulativeBytes += down + up
        var accuracy: Double?, testLoss: Double?
        if t % c.evaluateEvery == 0 || t == c.rounds {
            let e = evaluator.evaluate(test)
            accuracy = e.accuracy
            testLoss = e.loss.isFinite ? e.loss : nil
        }
        let record = RoundRecord(round: t, selected: selected, dropped: dropped, stragglers: stragglers, samples: n,
                                 duration: duration, elapsed: elapsed, slowestCompute: slowest, downlinkBytes: down,
                                 uplinkBytes: up, cumulativeBytes: cumulativeBytes, testAccuracy: accuracy, testLoss: testLoss,
                                 trainLoss: n > 0 && lossSum.isFinite ? lossSum / Double(n) : nil)
        history.append(record)
        return record
    }

    /// The local model's update as the server will decode it, and its payload bytes: the
    /// float32 weights w_k (the model's safetensors size), or δ_k = w_k − w_t encoded by
    /// the configured compression and decoded again.
    private func encodeUpdate(from global: [[Float]]) -> (values: [[Float]], payload: Int) {
        let compression = configuration.compression
        var payload = 0
        var values: [[Float]] = []
        for (i, p) in local.parameters.enumerated() {
            var v = p.value.array
            if compression != .none { for j in v.indices { v[j] -= global[i][j] } }
            payload += compression.roundTrip(&v)
            values.append(v)
        }
        return (values, compression == .none ? modelBytes.bytes : payload)
    }

    /// Writes the new global weights: the weighted average itself, or w_t plus the averaged update.
    private func apply(_ aggregate: [[Float]], to global: [[Float]]) {
        let isDelta = configuration.compression != .none
        for (i, p) in model.parameters.enumerated() {
            let w = p.value.pointer
            for j in 0..<p.count { w[j] = isDelta ? global[i][j] + aggregate[i][j] : aggregate[i][j] }
        }
    }

    /// The clients selected in round `t`: m of K without replacement, ascending.
    public func select(round t: Int) -> [Int] {
        let m = configuration.selectedPerRound(clients: clients.count)
        guard m < clients.count else { return Array(clients.indices) }
        var rng = SeededGeneratorFactory.make(configuration.seed, "select-round-\(t)")
        var order = Array(clients.indices)
        rng.shuffle(&order)
        return order.prefix(m).sorted()
    }

    /// Copies `global` into the local model and runs E epochs of SGD on client `k`'s shard.
    private func trainLocally(client k: Int, round t: Int, from global: [[Float]]) throws(FederatedError) -> (loss: Double, epochs: Int) {
        for (p, values) in zip(local.parameters, global) {
            values.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                p.value.pointer.update(from: base, count: p.count)
            }
        }
        let shard = shards[k]
        let c = configuration
        do {
            let h = try localTrainer.fit(shard, configuration: TrainingConfiguration(
                epochs: c.localEpochs, batchSize: c.batchSize ?? shard.count, shuffle: true, validationSplit: 0,
                patience: nil, seed: c.clientSeed(round: t, client: k)))
            return (h.epochs.last?.trainLoss ?? .nan, h.epochs.count)
        } catch {
            throw .training(client: clients[k].name, reason: error.description)
        }
    }

    /// `sum + weight · values`, tensor by tensor; the first contribution is assigned
    /// (weight · values), so a single client with weight 1 is reproduced exactly.
    static func accumulate(_ sum: [[Float]]?, _ values: [[Float]], weight: Float) -> [[Float]] {
        guard var sum else { return values.map { $0.map { weight * $0 } } }
        for i in sum.indices { for j in sum[i].indices { sum[i][j] += weight * values[i][j] } }
        return sum
    }
}
