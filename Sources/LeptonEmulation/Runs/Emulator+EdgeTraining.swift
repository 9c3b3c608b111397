import Dispatch
import Foundation
import LeptonCore
import LeptonNN
import LeptonTensor

/// 000's pipeline in one call.
extension Emulator {
    /// Trains `model` on the edge tier `edge` (memory-checked with
    /// ``ModelFootprint/training(model:batch:)``, threads limited to its threadsPerJob),
    /// writes its weights as a safetensors file, sends the bytes over the edge's link,
    /// loads them into `cloudModel` (a built model of the same architecture) in the cloud,
    /// and evaluates it there on `test`.
    ///
    /// Modelled training time: 3 · forward FLOPs per sample · samples trained (a backward
    /// pass costs about twice a forward one) + forward FLOPs · validation samples, per epoch
    /// run, at the edge's job rate. Packing and unpacking are modelled as 1 operation per
    /// weight. The measured clock times each stage on the host instead.
    public func trainOnEdge(_ model: Sequential, shipTo cloudModel: Sequential, train: Samples, test: Samples,
                            loss: Loss = .categoricalCrossEntropy, optimizer: Optimizer,
                            configuration: TrainingConfiguration, edge: String) throws(EmulationError) -> EdgeTrainingReport {
        let edgeTier = try topology.tier(edge)
        guard let route = topology.route(from: edge) else { throw .noRoute(edge: edge, clouds: topology.clouds.map(\.name)) }
        let footprint = ModelFootprint.training(model: model, batch: configuration.batchSize)
        try edgeTier.check(footprint, label: "training the model (batch \(configuration.batchSize))")
        try route.cloud.place(cloudModel, label: "the received model")

        let saved = ComputeThreads.count
        defer { ComputeThreads.set(saved) }
        func hostSeconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = try body()
            return (r, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }

        // Train on the edge.
        ComputeThreads.set(edgeTier.threadsPerJob)
        let trainer = Trainer(model: model, loss: loss, optimizer: optimizer)
        let history: History, trainSeconds: Double
        do {
            let timed = try hostSeconds { try trainer.fit(train, configuration: configuration) }
            history = timed.0
            trainSeconds = timed.1
        } catch {
            throw .model(tier: edge, stage: "training", reason: "\(error)")
        }
        let validationCount = Int((Double(train.count) * configuration.validationSplit).rounded(.down))
        let epochs = history.epochs.count
        let trainFLOPs = epochs * model.forwardFLOPs * (3 * (train.count - validationCount) + validationCount)
        let trainTime = clock.kind == .modelled ? clock.modelledTime(flops: trainFLOPs, on: edgeTier)
            : clock.scaled(hostSeconds: trainSeconds, on: edgeTier)

        // Pack: the real safetensors bytes.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-ship-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes: Data, packSeconds: Double
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let file = dir.appendingPathComponent("edge.safetensors")
            let timed = try hostSeconds { () throws -> Data in
                try Safetensors.save(model, to: file, metadata: ["trained_on": edge])
                return try Data(contentsOf: file)
            }
            bytes = timed.0
            packSeconds = timed.1
        } catch {
            throw .model(tier: edge, stage: "writing the weight file", reason: "\(error)")
        }
        let weights = model.parameterCount
        let pack = clock.kind == .modelled ? clock.modelledTime(flops: weights, on: edgeTier)
            : clock.scaled(hostSeconds: packSeconds, on: edgeTier)

        // Send over the link.
        var rng = SeededGenerator(seed: seed, stream: "weights-\(edge)>\(route.cloud.name)")
        let transfer = route.link.transfer(.bytes(bytes.count), rng: &rng)

        // Unpack in the cloud.
        ComputeThreads.set(route.cloud.threadsPerJob)
        let unpackSeconds: Double
        do {
            let file = dir.appendingPathComponent("cloud.safetensors")
            unpackSeconds = try hostSeconds { () throws -> Void in
                try bytes.write(to: file)
                try Safetensors.load(into: cloudModel, from: file)
            }.1
        } catch {
            throw .model(tier: route.cloud.name, stage: "loading the received weights", reason: "\(error)")
        }
        let unpack = clock.kind == .modelled ? clock.modelledTime(flops: weights, on: route.cloud)
            : clock.scaled(hostSeconds: unpackSeconds, on: route.cloud)
        let identical = zip(model.parameters, cloudModel.parameters).allSatisfy { a, b in
            a.shape == b.shape && (0..<a.count).allSatisfy { a.value[$0].bitPattern == b.value[$0].bitPattern }
        }
        let evaluation = Trainer(model: cloudModel, loss: loss, optimizer: SGD()).evaluate(test)
        return EdgeTrainingReport(clock: clock, edge: edge, cloud: route.cloud.name, history: history,
                                  trainingFootprint: footprint, trainTime: trainTime, weightBytes: .bytes(bytes.count),
                                  pack: pack, transfer: transfer, unpack: unpack, weightsIdentical: identical,
                                  cloudEvaluation: evaluation)
    }
}
