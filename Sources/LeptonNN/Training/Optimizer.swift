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

/// The two parts an element-wise update over many parameters runs as at once: each
/// parameter's first and second half (split at a multiple of 8, so every element takes the
/// same eight-lane or scalar path as in one pass). Each element is updated from its own
/// values only, so the bits do not depend on the split. One part on one thread, for fewer
/// than 2¹⁶ values, or inside another parallel task.
enum ElementwiseParts {
    static func run(counts: [Int], _ body: (_ index: Int, _ range: Range<Int>) -> Void) {
        guard ComputeThreads.count > 1, counts.reduce(0, +) >= 1 << 16 else {
            for (i, n) in counts.enumerated() { body(i, 0..<n) }
            return
        }
        ComputeThreads.concurrently(tasks: 2) { part in
            for (i, n) in counts.enumerated() {
                let middle = n / 2 / 8 * 8
                body(i, part == 0 ? 0..<middle : middle..<n)
            }
        }
    }
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
        let lr = learningRate, mu = momentum, nesterov = nesterov
        let states: [Tensor?] = parameters.map { p in
            guard mu != 0 else { return nil }
            let key = ObjectIdentifier(p)
            if let existing = velocity[key] { return existing }
            let v = Tensor(zeros: p.shape)
            velocity[key] = v
            return v
        }
        ElementwiseParts.run(counts: parameters.map(\.count)) { index, range in
            let p = parameters[index], w = p.value.pointer, g = p.gradient.pointer
            guard let v = states[index] else {
                for i in range { w[i] -= lr * g[i] }
                return
            }
            let vp = v.pointer
            if nesterov {
                for i in range { vp[i] = mu * vp[i] - lr * g[i]; w[i] += mu * vp[i] - lr * g[i] }
            } else {
                for i in range { vp[i] = mu * vp[i] - lr * g[i]; w[i] += vp[i] }
            }
        }
    }
}

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
        let states: [(m: Tensor, v: Tensor)] = parameters.map { p in
            let key = ObjectIdentifier(p)
            if let s = moments[key] { return s }
            let state = (m: Tensor(zeros: p.shape), v: Tensor(zeros: p.shape))
            moments[key] = state
            return state
        }
        ElementwiseParts.run(counts: parameters.map(\.count)) { index, r in
            let p = parameters[index], state = states[index], o = r.lowerBound
            Adam.update(count: r.count, w: p.value.pointer + o, g: p.gradient.pointer + o, m: state.m.pointer + o,
                        v: state.v.pointer + o, beta1: b1, beta2: b2, epsilon: eps, rate: lrT)
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
