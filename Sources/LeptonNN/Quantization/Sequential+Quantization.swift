/// Storage facts used when models are compressed and shipped.
extension Sequential {
    /// Bytes needed to store the weights: 4 per Float32 parameter, and for int8 layers
    /// their codes, scales and Float32 biases.
    public var weightStorageBytes: Int {
        layers.reduce(0) { total, layer in
            if let q = layer as? QuantizedLayer { return total + q.storageBytes }
            return total + 4 * layer.parameterCount
        }
    }

    /// Whether any layer stores int8 weights.
    public var isQuantized: Bool { layers.contains { $0 is QuantizedLayer } }
}
