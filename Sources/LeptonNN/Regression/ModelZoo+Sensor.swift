extension ModelZoo {
    /// 004 §5.2's sensor regressor: Dense 64 ReLU → Dense 32 ReLU → Dense 1 (linear), Keras
    /// default initialisers (Glorot uniform kernels, zero biases), for `inputs` features: the zoo's
    /// `sensor-regressor` with one output.
    /// Parameters: 64·(inputs + 1) + 32·65 + 33.
    public static func sensorRegressor(inputs: Int, seed: UInt64) throws(NNError) -> Sequential {
        try make("sensor-regressor", inputShape: [inputs], classes: 1, seed: seed)
    }
}
