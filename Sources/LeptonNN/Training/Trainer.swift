import Dispatch
import LeptonCore
import LeptonTensor

/// How to train: epochs, batches, validation and early stopping.
public struct TrainingConfiguration: Sendable {
    /// Passes over the training data.
    public var epochs: Int
    /// Samples per gradient step (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// Whether to reshuffle the training samples every epoch (seeded).
    public var shuffle: Bool
    /// The fraction of the training samples held out, from the end, for validation
    /// (ignored when validation samples are given explicitly).
    public var validationSplit: Double
    /// Stop after this many epochs without a lower validation loss (nil: never).
    public var patience: Int?
    /// The seed for shuffling and dropout.
    public var seed: UInt64

    /// A configuration; defaults follow Keras's `fit`.
    public init(epochs: Int = 10, batchSize: Int = 32, shuffle: Bool = true, validationSplit: Double = 0,
                patience: Int? = nil, seed: UInt64 = 1) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.validationSplit = validationSplit
        self.patience = patience
        self.seed = seed
    }

    /// Checks every value and names the first that is out of range.
    public func validate() throws(NNError) {
        guard epochs >= 1 else { throw .invalidValue(name: "epochs", value: "\(epochs)", allowed: "an integer ≥ 1") }
        guard batchSize >= 1 else { throw .invalidValue(name: "batch size", value: "\(batchSize)", allowed: "an integer ≥ 1") }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw .invalidValue(name: "validation split", value: "\(validationSplit)", allowed: "a fraction in [0, 1)")
        }
        if let p = patience, p < 1 { throw .invalidValue(name: "patience", value: "\(p)", allowed: "an integer ≥ 1") }
    }
}

/// Where training is, reported to an observer after every batch.
public struct TrainingProgress: Sendable {
    /// 1-based epoch.
    public let epoch: Int
    /// Total epochs planned.
    public let epochs: Int
    /// Batches done in this epoch.
    public let batch: Int
    /// Batches per epoch.
    public let batches: Int
    /// Mean batch loss so far in this epoch.
    public let runningLoss: Double
    /// The finished epoch's record, on the last report of an epoch.
    public let finished: EpochRecord?
}

/// Trains a ``Sequential`` model with a loss and an optimizer.
public final class Trainer {
    public let model: Sequential
    public let loss: Loss
    public let optimizer: Optimizer
    /// Called after every batch and at the end of every epoch.
    public var observer: ((TrainingProgress) -> Void)?

    private var batchInput: Tensor?
    private var batchTarget: Tensor?
    /// The trained model and one replica sharing its weights: the two halves of a batch.
    private lazy var shards: [Shard] = [Shard(model), Shard(model.replica())]

    /// One half of a batch: a model (the trained one, or a replica sharing its parameter
    /// values) with its own buffers.
    private final class Shard {
        let model: Sequential
        var input: Tensor?
        var target: Tensor?
        var lossGradient: Tensor?
        var loss = 0.0
        var correct = 0
        var predictions: [Int] = []
        init(_ model: Sequential) { self.model = model }
    }

    /// A trainer for `model`.
    public init(model: Sequential, loss: Loss, optimizer: Optimizer) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
    }

    /// Trains for the configured epochs and returns the per-epoch history.
    public func fit(_ data: Samples, validation explicitValidation: Samples? = nil,
                    configuration c: TrainingConfiguration) throws(NNError) -> History {
        try ComputeThreads.withFlushedDenormals { () throws(NNError) -> History in
            try fitFlushed(data, validation: explicitValidation, configuration: c)
        }
    }

    private func fitFlushed(_ data: Samples, validation explicitValidation: Samples?,
                            configuration c: TrainingConfiguration) throws(NNError) -> History {
        try c.validate()
        try data.validate()
        try checkCompatible(data)
        var train = data
        var validation = explicitValidation
        if validation == nil, c.validationSplit > 0 {
            let parts = data.splitTail(fraction: c.validationSplit)
            train = parts.head
            validation = parts.tail
        }
        if let v = validation { try v.validate(); try checkCompatible(v) }
        guard train.count > 0 else { throw .emptyData(what: "\(data.source) after the validation split") }

        var shuffleRNG = SeededGenerator(seed: c.seed, stream: "shuffle")
        for (i, layer) in model.layers.enumerated() {
            if let d = layer as? StochasticLayer {
                var r = SeededGenerator(seed: c.seed, stream: "dropout-\(i)")
                d.reseed(r.next())
            }
        }
        for (i, layer) in shards[1].model.layers.enumerated() {
            if let d = layer as? StochasticLayer {
                var r = SeededGenerator(seed: c.seed, stream: "dropout-\(i)-shard-1")
                d.reseed(r.next())
            }
        }
        var order = Array(0..<train.count)
        var history = History()
        var bestLoss = Double.infinity
        var sinceBest = 0
        let batches = (train.count + c.batchSize - 1) / c.batchSize

        for epoch in 1...c.epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            if c.shuffle { shuffleRNG.shuffle(&order) }
            var lossSum = 0.0, correct = 0
            for b in 0..<batches {
                let lo = b * c.batchSize, hi = Swift.min(lo + c.batchSize, train.count)
                let (l, k) = step(train, order[lo..<hi])
                lossSum += l
                correct += k
                observer?(TrainingProgress(epoch: epoch, epochs: c.epochs, batch: b + 1, batches: batches,
                                           runningLoss: lossSum / Double(b + 1), finished: nil))
            }
            let trainSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let isClassification = train.labels != nil
            var valLoss: Double?, valAcc: Double?
            let vStart = DispatchTime.now().uptimeNanoseconds
            if let v = validation {
                let e = evaluate(v)
                valLoss = e.loss
                valAcc = e.accuracy
            }
            let valSeconds = Double(DispatchTime.now().uptimeNanoseconds - vStart) / 1e9
            let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(batches),
                                     trainAccuracy: isClassification ? Double(correct) / Double(train.count) : nil,
                                     validationLoss: valLoss, validationAccuracy: valAcc,
                                     seconds: trainSeconds, validationSeconds: valSeconds)
            history.epochs.append(record)
            observer?(TrainingProgress(epoch: epoch, epochs: c.epochs, batch: batches, batches: batches,
                                       runningLoss: record.trainLoss, finished: record))
            let monitored = valLoss ?? record.trainLoss
            if monitored < bestLoss {
                bestLoss = monitored
                history.bestEpoch = epoch
                sinceBest = 0
            } else {
                sinceBest += 1
                if let p = c.patience, sinceBest >= p, epoch < c.epochs {
                    history.stoppedEarly = true
                    break
                }
            }
        }
        return history
    }

    /// One gradient step on the samples at `indices`; returns (batch loss, correct count).
    ///
    /// The batch is always split into the same two halves, each run forward and backward
    /// on its own copy of the layers (in parallel when two or more threads are configured,
    /// with OpenBLAS single-threaded inside each); the halves' gradients are then added in
    /// a fixed order. The numbers therefore do not depend on the thread count.
    private func step(_ data: Samples, _ indices: ArraySlice<Int>) -> (Double, Int) {
        let n = indices.count
        let parts = Trainer.halves(indices.indices)
        let shards = self.shards        // created on this thread, never inside the concurrent block
        BLAS.singleThreaded {
            ComputeThreads.concurrently(tasks: parts.count) { s in
                run(shards[s], data, indices[parts[s]], batchRows: n)
            }
        }
        let main = model.parameters
        let others = shards.indices.dropFirst().filter { $0 < parts.count }.map { shards[$0].model.parameters }
        ElementwiseParts.run(counts: main.map(\.count)) { index, r in   // element ranges on both threads
            for q in others {
                Elementwise.axpy(r.count, 1, q[index].gradient.pointer + r.lowerBound, main[index].gradient.pointer + r.lowerBound)
            }
        }
        optimizer.step(main)
        let used = shards.prefix(parts.count)
        return (used.reduce(0) { $0 + $1.loss }, used.reduce(0) { $0 + $1.correct })
    }

    /// The fixed split of a batch: two halves (the first one larger when odd), or the
    /// whole range when it holds a single sample.
    static func halves(_ range: Range<Int>) -> [Range<Int>] {
        guard range.count >= 2 else { return [range] }
        let middle = range.lowerBound + (range.count + 1) / 2
        return [range.lowerBound..<middle, middle..<range.upperBound]
    }

    /// Forward and backward of one shard; gradients are scaled for a batch of `batchRows`.
    private func run(_ shard: Shard, _ data: Samples, _ indices: ArraySlice<Int>, batchRows: Int) {
        let rows = indices.count
        let (x, y) = gather(data, indices, into: &shard.input, &shard.target, model: shard.model)
        let out = shard.model.forward(x, training: true)
        let cols = out.sampleSize
        let g = Tensor.reuse(shard.lossGradient, shape: out.shape)
        shard.lossGradient = g
        let share = Double(rows) / Double(batchRows)
        let outputActivation = (shard.model.layers.last as? ActivatedLayer)?.activation ?? .linear
        if let scale = loss.fusedLogitScale(after: outputActivation, rows: batchRows, cols: cols) {
            shard.loss = share * loss.evaluate(predictions: out.pointer, targets: y.pointer, rows: rows, cols: cols, gradient: nil)
            for i in 0..<out.count { g.pointer[i] = (out.pointer[i] - y.pointer[i]) * scale }
            shard.model.backward(g, skipOutputActivation: true)
        } else {
            shard.loss = share * loss.evaluate(predictions: out.pointer, targets: y.pointer, rows: rows, cols: cols,
                                               gradient: g.pointer)
            Elementwise.scale(g.count, Float(share), g.pointer)
            shard.model.backward(g)
        }
        shard.correct = countCorrect(out, data: data, indices: indices)
    }

    /// Copies the samples at `indices` into reusable input and target tensors.
    private func gather(_ data: Samples, _ indices: ArraySlice<Int>, into input: inout Tensor?, _ target: inout Tensor?,
                        model: Sequential) -> (Tensor, Tensor) {
        let n = indices.count
        let w = model.outputShape.reduce(1, *)
        let x = Tensor.reuse(input, shape: [n] + data.sampleShape)
        input = x
        let y = Tensor.reuse(target, shape: [n, w])
        target = y
        data.copyFeatures(indices, into: x.pointer)
        switch data.targets {
        case let .classes(labels, _):
            y.fill(0)
            if w == 1 {   // binary classification with one sigmoid output
                for (row, i) in indices.enumerated() { y.pointer[row] = Float(labels[i]) }
            } else {
                for (row, i) in indices.enumerated() { y.pointer[row * w + Int(labels[i])] = 1 }
            }
        case let .values(values, _):
            values.withUnsafeBufferPointer { v in
                guard let base = v.baseAddress else { return }
                for (row, i) in indices.enumerated() { (y.pointer + row * w).update(from: base + i * w, count: w) }
            }
        }
        return (x, y)
    }

    private func countCorrect(_ out: Tensor, data: Samples, indices: ArraySlice<Int>) -> Int {
        guard let labels = data.labels else { return 0 }
        let cols = out.sampleSize
        var correct = 0
        for (row, i) in indices.enumerated() {
            if PredictedClass.of(out.pointer + row * cols, width: cols) == Int(labels[i]) { correct += 1 }
        }
        return correct
    }

    /// The loss, accuracy and confusion matrix of the model on `data` (inference mode), in
    /// batches of `batchSize` (64 by default: the buffers of a training batch, so that
    /// evaluation does not raise the peak memory).
    public func evaluate(_ data: Samples, batchSize: Int = 64) -> Evaluation {
        ComputeThreads.withFlushedDenormals { evaluateFlushed(data, batchSize: batchSize) }
    }

    /// Evaluation in batches, each split into the same two halves as training and run on
    /// both shards at once (OpenBLAS single-threaded inside each); the halves' losses and
    /// predictions are combined in a fixed order.
    private func evaluateFlushed(_ data: Samples, batchSize: Int) -> Evaluation {
        let n = data.count
        let w = data.targetWidth
        var lossSum = 0.0
        var confusion = data.labels != nil ? ConfusionMatrix(classes: w == 1 ? 2 : w) : nil
        // The lazy shard pair is created here, on this thread: first touched inside the
        // concurrent block, two threads could each create a pair and read the other's results.
        let shards = self.shards
        var start = 0
        while start < n {
            let end = Swift.min(start + batchSize, n)
            let parts = Trainer.halves(start..<end)
            BLAS.singleThreaded {
                ComputeThreads.concurrently(tasks: parts.count) { s in
                    let shard = shards[s]
                    let part = parts[s]
                    let (x, y) = gather(data, ArraySlice(part), into: &shard.input, &shard.target, model: shard.model)
                    let out = shard.model.forward(x, training: false)
                    let cols = out.sampleSize
                    shard.loss = loss.evaluate(predictions: out.pointer, targets: y.pointer, rows: part.count, cols: cols,
                                               gradient: nil) * Double(part.count)
                    shard.predictions = (0..<part.count).map { r in PredictedClass.of(out.pointer + r * cols, width: cols) }
                }
            }
            for (s, part) in parts.enumerated() {
                lossSum += shards[s].loss
                if let labels = data.labels {
                    for (r, p) in shards[s].predictions.enumerated() { confusion?.add(actual: Int(labels[part.lowerBound + r]), predicted: p) }
                }
            }
            start = end
        }
        return Evaluation(loss: lossSum / Double(Swift.max(n, 1)), accuracy: confusion?.accuracy,
                          confusion: confusion, count: n)
    }


    private func checkCompatible(_ data: Samples) throws(NNError) {
        guard data.sampleShape == model.inputShape else {
            throw .inputShape(expected: model.inputShape, found: data.sampleShape, source: data.source)
        }
        let outWidth = model.outputShape.reduce(1, *)
        let needed = data.targetWidth
        let binary = data.labels != nil && needed == 2 && outWidth == 1
        guard outWidth == needed || binary else {
            throw .outputWidth(layer: model.layers.last?.name ?? "output", expected: needed, found: outWidth)
        }
    }
}
