/// How a convolution or pooling window treats the border (Keras semantics).
public enum Padding: String, Sendable, Codable {
    /// No padding: the output is ⌊(in − window) / stride⌋ + 1.
    case valid
    /// Zero padding so that the output is ⌈in / stride⌉; extra padding goes after.
    case same

    /// Output length and the padding before the first element, for one spatial axis.
    public func output(input: Int, window: Int, stride: Int) -> (size: Int, padBefore: Int) {
        switch self {
        case .valid:
            return (input >= window ? (input - window) / stride + 1 : 0, 0)
        case .same:
            let out = (input + stride - 1) / stride
            let total = Swift.max((out - 1) * stride + window - input, 0)
            return (out, total / 2)
        }
    }
}
