import Foundation
@testable import LeptonNN
import LeptonCore
import LeptonTensor

/// Straightforward Double-precision implementations of every layer and loss, written
/// from the formulas with plain loops. The gradient checks differentiate these by
/// central finite differences and compare with the Float32 core's analytic gradients.
enum Reference {
    /// NHWC convolution with an HWIO kernel.
    static func conv2d(_ x: [Double], _ shape: [Int], kernel w: [Double], bias b: [Double],
                       kh: Int, kw: Int, filters f: Int, stride: (Int, Int), padding: Padding) -> ([Double], [Int]) {
        let (n, h, wd, c) = (shape[0], shape[1], shape[2], shape[3])
        let oy = padding.output(input: h, window: kh, stride: stride.0)
        let ox = padding.output(input: wd, window: kw, stride: stride.1)
        var out = [Double](repeating: 0, count: n * oy.size * ox.size * f)
        for b0 in 0..<n { for i in 0..<oy.size { for j in 0..<ox.size { for o in 0..<f {
            var s = b[o]
            for u in 0..<kh { for v in 0..<kw {
                let y = i * stride.0 - oy.padBefore + u, xx = j * stride.1 - ox.padBefore + v
                guard y >= 0, y < h, xx >= 0, xx < wd else { continue }
                for ch in 0..<c {
                    s += x[((b0 * h + y) * wd + xx) * c + ch] * w[((u * kw + v) * c + ch) * f + o]
                }
            }}
            out[((b0 * oy.size + i) * ox.size + j) * f + o] = s
        }}}}
        return (out, [n, oy.size, ox.size, f])
    }

    static func maxPool(_ x: [Double], _ shape: [Int], pool: (Int, Int), stride: (Int, Int), padding: Padding) -> ([Double], [Int]) {
        let (n, h, wd, c) = (shape[0], shape[1], shape[2], shape[3])
        let oy = padding.output(input: h, window: pool.0, stride: stride.0)
        let ox = padding.output(input: wd, window: pool.1, stride: stride.1)
        var out = [Double](repeating: 0, count: n * oy.size * ox.size * c)
        for b0 in 0..<n { for i in 0..<oy.size { for j in 0..<ox.size { for ch in 0..<c {
            var m = -Double.infinity
            for u in 0..<pool.0 { for v in 0..<pool.1 {
                let y = i * stride.0 - oy.padBefore + u, xx = j * stride.1 - ox.padBefore + v
                guard y >= 0, y < h, xx >= 0, xx < wd else { continue }
                m = max(m, x[((b0 * h + y) * wd + xx) * c + ch])
            }}
            out[((b0 * oy.size + i) * ox.size + j) * c + ch] = m
        }}}}
        return (out, [n, oy.size, ox.size, c])
    }

    static func dense(_ x: [Double], rows: Int, inputs: Int, kernel w: [Double], bias b: [Double], units: Int) -> [Double] {
        var out = [Double](repeating: 0, count: rows * units)
        for r in 0..<rows { for u in 0..<units {
            var s = b[u]
            for i in 0..<inputs { s += x[r * inputs + i] * w[i * units + u] }
            out[r * units + u] = s
        }}
        return out
    }

    static func activate(_ a: Activation, _ x: [Double], cols: Int) -> [Double] {
        switch a {
        case .linear: return x
        case .relu: return x.map { max($0, 0) }
        case .sigmoid: return x.map { 1 / (1 + exp(-$0)) }
        case .tanh: return x.map { Foundation.tanh($0) }
        case .softmax:
            var out = x
            for r in 0..<(x.count / cols) {
                let row = x[(r * cols)..<((r + 1) * cols)]
                let m = row.max() ?? 0
                let e = row.map { exp($0 - m) }
                let s = e.reduce(0, +)
                for j in 0..<cols { out[r * cols + j] = e[j] / s }
            }
            return out
        }
    }

    static func loss(_ l: Loss, _ p: [Double], _ y: [Double], rows: Int) -> Double {
        let eps = Double(Loss.epsilon)
        switch l {
        case .categoricalCrossEntropy:
            return -zip(p, y).reduce(0) { $0 + $1.1 * log(min(max($1.0, eps), 1 - eps)) } / Double(rows)
        case .binaryCrossEntropy:
            return -zip(p, y).reduce(0) {
                let q = min(max($1.0, eps), 1 - eps)
                return $0 + $1.1 * log(q) + (1 - $1.1) * log(1 - q)
            } / Double(p.count)
        case .meanSquaredError:
            return zip(p, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(p.count)
        }
    }

    /// Central finite differences of `f` at `x` for the coordinates in `indices`.
    static func numericGradient(_ x: [Double], indices: [Int], h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
        indices.map { i in
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }
}

/// Random test values from a seeded generator.
struct TestValues {
    var rng: SeededGenerator
    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }
    mutating func doubles(_ n: Int, _ lo: Double = -1, _ hi: Double = 1) -> [Double] {
        (0..<n).map { _ in lo + (hi - lo) * rng.nextUnitDouble() }
    }
    /// Up to `k` distinct indices below `n`, always including the first and last.
    mutating func sample(_ n: Int, _ k: Int) -> [Int] {
        if n <= k { return Array(0..<n) }
        var s = Set([0, n - 1])
        while s.count < k { s.insert(rng.index(below: n)) }
        return s.sorted()
    }
}

extension Tensor {
    convenience init(doubles: [Double], shape: [Int]) {
        self.init(shape: shape, values: doubles.map { Float($0) })
    }
    var doubles: [Double] { array.map(Double.init) }
}

func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(a), abs(b), 1e-3)
}
