/// Evaluation and loading without a training set-up.
extension Sequential {
    /// Loss, accuracy and confusion matrix of this model on `data` (inference mode, in
    /// batches of `batchSize`, the same arithmetic as ``Trainer/evaluate(_:batchSize:)``).
    /// No optimizer or seed is involved.
    public func evaluate(_ data: Samples, loss: Loss, batchSize: Int = 256) -> Evaluation {
        Trainer(model: self, loss: loss, optimizer: SGD()).evaluate(data, batchSize: batchSize)
    }
}

extension ModelZoo {
    /// The architecture of the catalogued model `name` for inputs of `inputShape` and
    /// `classes` outputs, ready to receive saved weights (``Safetensors/load(into:data:name:)``).
    /// Its initial weights are a fixed placeholder, never meant to be used as they are.
    public static func architecture(_ name: String, inputShape: [Int], classes: Int) throws(NNError) -> Sequential {
        try make(name, inputShape: inputShape, classes: classes, seed: 0)
    }
}
