import LeptonTensor

/// A trainable tensor with its gradient, named by its path in the model ("dense_1.kernel").
public final class TrainableParameter {
    /// The path of the parameter within its model.
    public internal(set) var name: String
    /// The current values.
    public let value: Tensor
    /// The gradient of the loss with respect to ``value`` from the last backward pass.
    public let gradient: Tensor

    /// A zero-filled parameter of the given shape.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.value = Tensor(zeros: shape)
        self.gradient = Tensor(zeros: shape)
    }

    /// A parameter that shares `value` with another (a replica of a layer for data-parallel
    /// training) but has its own gradient.
    public init(name: String, sharing value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// The parameter's shape.
    public var shape: [Int] { value.shape }
    /// The number of scalars.
    public var count: Int { value.count }
}
