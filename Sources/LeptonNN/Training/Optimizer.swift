import LeptonCore
import LeptonTensor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Updates parameters from their gradients. A step is a pure per-parameter function of
/// the value, the gradient and the optimizer's own state for that parameter.
public protocol Optimizer: AnyObject {
    /// The learning rate.
    var learningRate: Float { get set }
    /// Applies one update to every parameter.
    func step(_ parameters: [TrainableParameter])
    /// A short description for logs and reports ("adam(lr=0.001)").
    var summary: String { get }
}

/// Stochastic gradient descent with optional (Nesterov) momentum, as Keras defines it:
/// v ← μ·v − η·g; w ← w + v (Nesterov: w ← w + μ·v − η·g).
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    private var velocity: [ObjectIdentifier: Tensor] = [:]

    /// SGD with learning rate η, momentum μ.
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public var summary: String { "sgd(lr=\(learningRate), momentum=\(momentum)\(nesterov ? ", nesterov" : ""))" }

    public func step(_ parameters: [TrainableParameter]) {
        let lr = learningRate, mu = momentum
        for p in parameters {
            let w = p.value.pointer, g = p.gradient.pointer, n = p.count
            if mu == 0 {
                for i in 0..<n { w[i] -= lr * g[i] }
                continue
            }
            let key = ObjectIdentifier(p)
            let v: Tensor
            if let existing = velocity[key] { v = existing } else { v = Tensor(zeros: p.shape); velocity[key] = v }
            let vp = v.pointer
            if nesterov {
                for i in 0..<n { vp[i] = mu * vp[i] - lr * g[i]; w[i] += mu * vp[i] - lr * g[i] }
            } else {
                for i in 0..<n { vp[i] = mu * vp[i] - lr * g[i]; w[i] += vp[i] }
            }
        }
    }
}

/// Adam (Kingma & Ba), as Keras implements it:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// w ← w − η·√(1−β2^t)/(1−β1^t) · m / (√v + ε), with ε = 1e−7.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float
    private var moments: [ObjectIdentifier: (m: Tensor, v: Tensor)] = [:]
    private var t = 0

    /// Adam with Keras's defaults.
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var summary: String { "adam(lr=\(learningRate))" }

    public func step(_ parameters: [TrainableParameter]) {
        t += 1
        let b1 = beta1, b2 = beta2, eps = epsilon
        let correction = Float((1 - PortableMath.pow(Double(b2), Double(t))).squareRoot() / (1 - PortableMath.pow(Double(b1), Double(t))))
        let lrT = learningRate * correction
        for p in parameters {
            let key = ObjectIdentifier(p)
            let state: (m: Tensor, v: Tensor)
            if let s = moments[key] { state = s } else {
                state = (Tensor(zeros: p.shape), Tensor(zeros: p.shape))
                moments[key] = state
            }
            Adam.update(count: p.count, w: p.value.pointer, g: p.gradient.pointer, m: state.m.pointer, v: state.v.pointer,
                        beta1: b1, beta2: b2, epsilon: eps, rate: lrT)
        }
    }
}

extension Adam {
    /// The per-parameter Adam rule over `count` values, eight lanes at a time.
    static func update(count n: Int, w: UnsafeMutablePointer<Float>, g: UnsafeMutablePointer<Float>,
                       m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                       beta1 b1: Float, beta2 b2: Float, epsilon eps: Float, rate lrT: Float) {
        var i = 0
        while i &+ 8 <= n {
            let gi = g.load8(i)
            let mi = b1 * m.load8(i) + (1 - b1) * gi
            let vi = b2 * v.load8(i) + (1 - b2) * gi * gi
            m.store8(mi, i)
            v.store8(vi, i)
            w.store8(w.load8(i) - lrT * mi / (vi.squareRoot() + eps), i)
            i &+= 8
        }
        while i < n {
            let gi = g[i]
            let mi = b1 * m[i] + (1 - b1) * gi
            let vi = b2 * v[i] + (1 - b2) * gi * gi
            m[i] = mi
            v[i] = vi
            w[i] -= lrT * mi / (vi.squareRoot() + eps)
            i &+= 1
        }
    }
}
