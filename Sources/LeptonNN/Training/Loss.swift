import LeptonCore
import LeptonTensor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loss functions, defined as Keras defines them (mean over samples; for MSE and
/// binary cross-entropy also mean over the values of a sample).
public enum Loss: String, Sendable, Codable, CaseIterable {
    /// L = −(1/N) Σ_n Σ_k y_nk · log(clip(p_nk, ε, 1−ε)), ε = 1e−7, on probabilities.
    case categoricalCrossEntropy = "categorical_crossentropy"
    /// L = −(1/(N·K)) Σ [y log p + (1−y) log(1−p)], p clipped to [ε, 1−ε], on probabilities.
    case binaryCrossEntropy = "binary_crossentropy"
    /// L = (1/(N·K)) Σ (p − y)².
    case meanSquaredError = "mse"

    /// Keras's clipping constant for probabilities.
    public static let epsilon: Float = 1e-7

    /// The loss (accumulated in Double) for predictions and targets of equal shape,
    /// and, if `gradient` is given, dL/dPrediction written into it.
    public func evaluate(predictions p: UnsafePointer<Float>, targets y: UnsafePointer<Float>,
                         rows: Int, cols: Int, gradient: UnsafeMutablePointer<Float>?) -> Double {
        let n = rows * cols
        let eps = Loss.epsilon
        var total = 0.0
        switch self {
        case .categoricalCrossEntropy:
            let scale = 1 / Float(rows)
            for i in 0..<n {
                let pc = Swift.min(Swift.max(p[i], eps), 1 - eps)
                if y[i] != 0 { total -= Double(y[i]) * PortableMath.log(Double(pc)) }
                if let g = gradient {
                    let inside = p[i] > eps && p[i] < 1 - eps
                    g[i] = inside ? -y[i] / pc * scale : 0
                }
            }
            return total / Double(rows)
        case .binaryCrossEntropy:
            let scale = 1 / Float(n)
            for i in 0..<n {
                let pc = Swift.min(Swift.max(p[i], eps), 1 - eps)
                total -= Double(y[i]) * PortableMath.log(Double(pc)) + Double(1 - y[i]) * PortableMath.log(Double(1 - pc))
                if let g = gradient {
                    let inside = p[i] > eps && p[i] < 1 - eps
                    g[i] = inside ? (pc - y[i]) / (pc * (1 - pc)) * scale : 0
                }
            }
            return total / Double(n)
        case .meanSquaredError:
            let scale = 2 / Float(n)
            for i in 0..<n {
                let d = p[i] - y[i]
                total += Double(d) * Double(d)
                if let g = gradient { g[i] = d * scale }
            }
            return total / Double(n)
        }
    }

    /// The fused gradient with respect to the logits when this loss follows an output
    /// activation whose Jacobian cancels: softmax + categorical cross-entropy and
    /// sigmoid + binary cross-entropy give (p − y)/N (respectively /(N·K)).
    /// Returns nil when no fusion applies.
    public func fusedLogitScale(after activation: Activation, rows: Int, cols: Int) -> Float? {
        switch (self, activation) {
        case (.categoricalCrossEntropy, .softmax): return 1 / Float(rows)
        case (.binaryCrossEntropy, .sigmoid): return 1 / Float(rows * cols)
        default: return nil
        }
    }
}
