import LeptonCore

/// An element-wise (or, for softmax, row-wise) activation function.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// f(x) = x.
    case linear
    /// f(x) = max(0, x).
    case relu
    /// f(x) = 1 / (1 + e^(−x)).
    case sigmoid
    /// f(x) = tanh(x).
    case tanh
    /// f(x)_i = e^(x_i) / Σ_j e^(x_j) over the last dimension (max-shifted).
    case softmax

    /// Applies the activation in place to `rows` × `cols` values.
    public func forward(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear:
            return
        case .relu:
            var i = 0
            while i &+ 8 <= n { x.store8(relu8(x.load8(i)), i); i &+= 8 }
            while i < n { x[i] = Swift.max(x[i], 0); i &+= 1 }
        case .sigmoid:
            for i in 0..<n {
                x[i] = PortableMath.sigmoid(x[i])      // stable in both tails; the same bits on every CPU
            }
        case .tanh:
            for i in 0..<n { x[i] = PortableMath.tanh(x[i]) }
        case .softmax:
            for r in 0..<rows {
                let row = x + r * cols
                var m = -Float.infinity
                for j in 0..<cols { m = Swift.max(m, row[j]) }
                var sum: Float = 0
                for j in 0..<cols { let e = PortableMath.exp(row[j] - m); row[j] = e; sum += e }
                let inv = 1 / sum
                for j in 0..<cols { row[j] *= inv }
            }
        }
    }

    /// Adds `bias` (length `cols`) to every row of `x`, then applies the activation, in
    /// place — the epilogue of a dense or convolution layer (one pass for ReLU).
    public func forward(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, addingBias bias: UnsafePointer<Float>) {
        if self == .relu {
            Elementwise.addRowVectorReLU(x, rows: rows, cols: cols, bias: bias)
        } else {
            Elementwise.addRowVector(x, rows: rows, cols: cols, bias: bias)
            forward(x, rows: rows, cols: cols)
        }
    }

    /// Turns the gradient with respect to the outputs `y` into the gradient with respect
    /// to the inputs, in place in `dy`. Uses only the outputs, as every case allows.
    public func backward(output y: UnsafePointer<Float>, gradient dy: UnsafeMutablePointer<Float>,
                         rows: Int, cols: Int) {
        let n = rows * cols
        switch self {
        case .linear:
            return
        case .relu:
            let zero = Float8(repeating: 0)
            var i = 0
            while i &+ 8 <= n {
                dy.store8(zero.replacing(with: dy.load8(i), where: y.load8(i) .> zero), i)
                i &+= 8
            }
            while i < n { dy[i] = y[i] > 0 ? dy[i] : 0; i &+= 1 }
        case .sigmoid:
            for i in 0..<n { dy[i] *= y[i] * (1 - y[i]) }
        case .tanh:
            for i in 0..<n { dy[i] *= 1 - y[i] * y[i] }
        case .softmax:
            for r in 0..<rows {
                let yr = y + r * cols, g = dy + r * cols
                var dot: Float = 0
                for j in 0..<cols { dot += g[j] * yr[j] }
                for j in 0..<cols { g[j] = yr[j] * (g[j] - dot) }
            }
        }
    }
}
