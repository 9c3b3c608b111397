import LeptonCore
import LeptonTensor

/// Weight initialisers, matching Keras's definitions.
public enum Initializer: String, Sendable, Codable {
    /// U(−l, l) with l = √(6 / (fan_in + fan_out)) — Keras's default for kernels.
    case glorotUniform
    /// N(0, √(2 / fan_in)) truncated at two standard deviations (He et al.).
    case heNormal
    /// All zeros — Keras's default for biases.
    case zeros

    /// Fills `tensor` given the fans of the layer that owns it.
    public func fill(_ tensor: Tensor, fanIn: Int, fanOut: Int, rng: inout SeededGenerator) {
        let p = tensor.pointer
        switch self {
        case .zeros:
            tensor.fill(0)
        case .glorotUniform:
            let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            for i in 0..<tensor.count { p[i] = rng.uniform(-limit, limit) }
        case .heNormal:
            let sd = (2.0 / Double(fanIn)).squareRoot() / 0.87962566103423978
            for i in 0..<tensor.count {
                var z = rng.normal()
                while abs(z) > 2 { z = rng.normal() }
                p[i] = Float(z * sd)
            }
        }
    }
}
