import LeptonTensor

/// A trainable tensor with its gradient, named by its path in the model ("dense_1.kernel").
public final class TrainableParameter {
    /// The path of the parameter within its model.
    public internal(set) var name: String
    /// The current values (shared with the model's replicas).
    public private(set) var value: Tensor
    /// The gradient of the loss with respect to ``value`` from the last backward pass.
    public let gradient: Tensor

    /// A zero-filled parameter of the given shape.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.value = Tensor(zeros: shape)
        self.gradient = Tensor(zeros: shape)
    }

    /// Makes this parameter read and write `other`'s values (a replica of a layer for
    /// data-parallel training); the gradient stays its own.
    func shareValues(of other: TrainableParameter) {
        precondition(other.shape == shape, "\(name): cannot share \(other.name)'s values \(other.shape) with shape \(shape)")
        value = other.value
    }

    /// The parameter's shape.
    public var shape: [Int] { value.shape }
    /// The number of scalars.
    public var count: Int { value.count }
}
