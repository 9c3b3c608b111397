import Foundation
import LeptonCore
import LeptonTensor

extension SourceChecks {
    // MARK: 003 §4.3: allocations

    /// Makespan of an allocation when every task on device j takes `processing[j]` and a
    /// device runs its tasks one after another: max_j (tasks on j) · p_j.
    static func makespan(_ allocation: [Int], processing: [Double]) -> Double {
        var busy = Array(repeating: 0.0, count: processing.count)
        for d in allocation { busy[d] += processing[d] }
        return busy.max() ?? 0
    }

    /// Every allocation of `tasks` tasks to the devices in `devices` (devices^tasks of them).
    static func allAllocations(tasks: Int, devices: [Int]) -> [[Int]] {
        var all: [[Int]] = [[]]
        for _ in 0..<tasks { all = all.flatMap { a in devices.map { a + [$0] } } }
        return all
    }

    /// Pearson correlation of two equal-length series (nan if either is constant).
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +), syy = y.map { ($0 - my) * ($0 - my) }.reduce(0, +)
        return sxy / (sxx * syy).squareRoot()
    }

    // MARK: 000 §5.2: the data-set loop

    /// Items a Python `for x in items:` visits when each iteration appends `appendsPerItem`
    /// items to `items` (CPython's list iterator compares its index with the current length),
    /// stopping at `limit` (a loop that never ends).
    static func pythonForLoopIterations(initial: Int, appendsPerItem: Int, limit: Int) -> Int {
        var length = initial, index = 0
        while index < length, index < limit {
            length += appendsPerItem
            index += 1
        }
        return index
    }

    // MARK: 000 §4.2: the printed update rule and decision model

    /// Gradient steps on 1-D linear regression M(x) = w·x + b from (0, 0):
    /// (w, b) ← (w, b) + sign·η·(1/N)·Σ (y_i − M(x_i))·(x_i, 1). 000 §4.2 prints sign = −1;
    /// the textbook descent on the MSE has sign = +1 (with the factor 2 folded into η).
    /// Returns the MSE before and after `steps` steps.
    static func linearRegressionMSE(x: [Double], y: [Double], sign: Double, learningRate: Double,
                                    steps: Int) -> (initial: Double, final: Double) {
        var (w, b) = (0.0, 0.0)
        func mse() -> Double { zip(x, y).map { ($1 - (w * $0 + b)) * ($1 - (w * $0 + b)) }.reduce(0, +) / Double(x.count) }
        let initial = mse()
        for _ in 0..<steps {
            let residuals = zip(x, y).map { $1 - (w * $0 + b) }
            let gw = zip(residuals, x).map { $0 * $1 }.reduce(0, +) / Double(x.count)
            let gb = residuals.reduce(0, +) / Double(x.count)
            w += sign * learningRate * gw
            b += sign * learningRate * gb
            if !w.isFinite || !b.isFinite { break }
        }
        return (initial, mse())
    }

    /// Least-squares fit of M(x) = w0 + w1·x, returning (w0, w1).
    static func leastSquares(x: [Double], y: [Double]) -> (Double, Double) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxy = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let sxx = x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        let w1 = sxy / sxx
        return (my - w1 * mx, w1)
    }

    /// The fraction of outputs for which −[y·log m + (1−y)·log(1−m)] is undefined (m ∉ (0, 1)).
    static func undefinedBCEFraction(_ outputs: [Double]) -> Double {
        Double(outputs.filter { !($0 > 0 && $0 < 1) }.count) / Double(max(outputs.count, 1))
    }

    /// Standard normal samples (Box–Muller) from a seeded generator.
    static func normals(_ count: Int, rng: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
            return (-2 * PortableMath.log(u1)).squareRoot() * PortableMath.cos(2 * .pi * u2)
        }
    }

    /// Sample variance.
    static func variance(_ v: [Double]) -> Double {
        let m = v.reduce(0, +) / Double(v.count)
        return v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(v.count - 1, 1))
    }
}
