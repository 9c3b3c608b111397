import LeptonCore
import Foundation
import LeptonTensor

/// 001's edge preprocessing stage as real compute: a list of ``PreprocessingStep``s applied
/// in order to a batch of NHWC images.
public struct Preprocessor: Sendable, Hashable, Codable {
    /// The steps, in order.
    public var steps: [PreprocessingStep]

    /// A stage of `steps`.
    public init(_ steps: [PreprocessingStep]) { self.steps = steps }

    /// 001 §5.2's pipeline as printed: `cv2.GaussianBlur(image, (5, 5), 0)` (σ 1.1 for a 5×5
    /// kernel), `cv2.Laplacian`, `cv2.resize` to 224×224, then `/ 255.0` — no min–max
    /// normalisation, so the output is signed. On pixels already scaled to [0, 1] the printed
    /// /255 of 0–255 pixels is the identity (every step is linear), so the chain is blur →
    /// Laplacian; add `.resize` (after the Laplacian, as printed) to change the size.
    public static let source001 = Preprocessor([.gaussianBlur5x5(sigma: 1.1), .laplacian])

    /// The per-sample output shape for a per-sample input shape.
    public func outputShape(_ input: [Int]) -> [Int] {
        steps.reduce(input) { $1.outputShape($0) }
    }

    /// FLOPs for one sample: the sum over the steps.
    public func flops(_ input: [Int]) -> Int {
        var shape = input, total = 0
        for s in steps {
            total += s.flops(shape)
            shape = s.outputShape(shape)
        }
        return total
    }

    /// Checks that every step can run on samples of `input` ([H, W, C]).
    public func validate(input: [Int]) throws(EmulationError) {
        guard steps.isEmpty || input.count == 3 else {
            throw .incompatible(what: "preprocessing input", expected: "H×W×C images", found: "\(input)",
                                hint: "preprocess image samples only, or drop the preprocessing stage")
        }
        var shape = input
        for s in steps {
            if case let .resize(h, w) = s, h < 1 || w < 1 {
                throw .incompatible(what: "resize target", expected: "at least 1×1", found: "\(h)×\(w)", hint: "choose a positive size")
            }
            if case .gaussianBlur5x5 = s, shape[0] < 3 || shape[1] < 3 {
                throw .incompatible(what: "blur input", expected: "at least 3×3 pixels", found: "\(shape[0])×\(shape[1])",
                                    hint: "resize before blurring")
            }
            shape = s.outputShape(shape)
        }
    }

    /// Runs every step on a batch and returns a new tensor.
    public func apply(_ input: Tensor) -> Tensor {
        var x = input.copy()
        for s in steps { x = Self.run(s, x) }
        return x
    }

    private static func reflect(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        var i = i
        while i < 0 || i >= n { i = i < 0 ? -i : 2 * (n - 1) - i }
        return i
    }

    private static func convolve(_ x: Tensor, kernel: [Float], size k: Int) -> Tensor {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = Tensor(zeros: x.shape)
        let r = k / 2
        for b in 0..<n {
            let base = b * h * w * c
            for i in 0..<h {
                for j in 0..<w {
                    for ch in 0..<c {
                        var s: Float = 0
                        for u in 0..<k {
                            let ii = reflect(i + u - r, h)
                            for v in 0..<k {
                                let jj = reflect(j + v - r, w)
                                s += kernel[u * k + v] * x.pointer[base + (ii * w + jj) * c + ch]
                            }
                        }
                        y.pointer[base + (i * w + j) * c + ch] = s
                    }
                }
            }
        }
        return y
    }

    private static func run(_ step: PreprocessingStep, _ x: Tensor) -> Tensor {
        switch step {
        case let .gaussianBlur5x5(sigma):
            var g = [Float](repeating: 0, count: 25)
            for u in 0..<5 {
                for v in 0..<5 {
                    let d = Float((u - 2) * (u - 2) + (v - 2) * (v - 2))
                    g[u * 5 + v] = PortableMath.exp(-d / (2 * sigma * sigma))
                }
            }
            let total = g.reduce(0, +)
            return convolve(x, kernel: g.map { $0 / total }, size: 5)
        case .laplacian:
            return convolve(x, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], size: 3)
        case let .resize(oh, ow):
            let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            let y = Tensor(zeros: [n, oh, ow, c])
            let sy = Float(h) / Float(oh), sx = Float(w) / Float(ow)
            for b in 0..<n {
                for i in 0..<oh {
                    let fy = Swift.max(0, (Float(i) + 0.5) * sy - 0.5)
                    let y0 = Swift.min(Int(fy), h - 1), y1 = Swift.min(y0 + 1, h - 1), ay = fy - Float(y0)
                    for j in 0..<ow {
                        let fx = Swift.max(0, (Float(j) + 0.5) * sx - 0.5)
                        let x0 = Swift.min(Int(fx), w - 1), x1 = Swift.min(x0 + 1, w - 1), ax = fx - Float(x0)
                        for ch in 0..<c {
                            func at(_ r: Int, _ q: Int) -> Float { x.pointer[((b * h + r) * w + q) * c + ch] }
                            let top = at(y0, x0) + (at(y0, x1) - at(y0, x0)) * ax
                            let bottom = at(y1, x0) + (at(y1, x1) - at(y1, x0)) * ax
                            y.pointer[((b * oh + i) * ow + j) * c + ch] = top + (bottom - top) * ay
                        }
                    }
                }
            }
            return y
        case .normalize:
            let n = x.batch, s = x.sampleSize
            for b in 0..<n {
                let p = x.pointer + b * s
                var lo = Float.infinity, hi = -Float.infinity
                for i in 0..<s { lo = Swift.min(lo, p[i]); hi = Swift.max(hi, p[i]) }
                let inv: Float = hi > lo ? 1 / (hi - lo) : 0
                for i in 0..<s { p[i] = (p[i] - lo) * inv }
            }
            return x
        case let .affine(a, b):
            for i in 0..<x.count { x.pointer[i] = a * x.pointer[i] + b }
            return x
        }
    }
}
