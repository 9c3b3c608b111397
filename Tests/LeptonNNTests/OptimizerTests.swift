import XCTest
@testable import LeptonNN
import LeptonTensor

final class OptimizerTests: XCTestCase {
    private func parameter(_ w: [Float], _ g: [Float]) -> TrainableParameter {
        let p = TrainableParameter(name: "w", shape: [w.count])
        for i in 0..<w.count { p.value[i] = w[i]; p.gradient[i] = g[i] }
        return p
    }

    /// Three Adam steps against the update rule evaluated in Double.
    func testAdamMatchesTheRuleInDouble() {
        let w0: [Double] = [0.5, -1.0, 2.0], grads: [[Double]] = [[0.1, -0.2, 0.3], [0.05, 0.4, -0.1], [-0.3, 0.0, 0.2]]
        let p = parameter(w0.map(Float.init), [0, 0, 0])
        let adam = Adam(learningRate: 0.01)
        var w = w0, m = [0.0, 0, 0], v = [0.0, 0, 0]
        for (t, g) in grads.enumerated() {
            for i in 0..<3 { p.gradient[i] = Float(g[i]) }
            adam.step([p])
            let step = Double(t + 1)
            let lrT = 0.01 * (1 - pow(0.999, step)).squareRoot() / (1 - pow(0.9, step))
            for i in 0..<3 {
                m[i] = 0.9 * m[i] + 0.1 * g[i]
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
                w[i] -= lrT * m[i] / (v[i].squareRoot() + 1e-7)
            }
        }
        for i in 0..<3 { XCTAssertEqual(Double(p.value[i]), w[i], accuracy: 1e-6) }
    }

    /// Above 2¹⁶ values the gradient sum and the update run as two halves on two threads:
    /// the weights after training are the same bits as on one thread, for Adam, SGD with
    /// momentum (Nesterov too) and plain SGD, with sizes that are not multiples of 8.
    func testLargeUpdatesOnTwoThreadsMatchOneThreadBitForBit() throws {
        defer { ComputeThreads.set(2) }
        let optimizers: [() -> Optimizer] = [{ Adam() }, { SGD(learningRate: 0.05, momentum: 0.9) },
                                             { SGD(learningRate: 0.05, momentum: 0.9, nesterov: true) }, { SGD() }]
        for (k, make) in optimizers.enumerated() {
            var weights: [[UInt32]] = []
            for threads in [1, 2] {
                ComputeThreads.set(threads)
                let model = try Sequential([Flatten(), Dense(units: 1901, activation: .relu), Dense(units: 3, activation: .softmax)])
                    .build(inputShape: [6, 6, 1], seed: 5)
                XCTAssertGreaterThan(model.parameters.reduce(0) { $0 + $1.count }, 1 << 16)
                let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: make())
                _ = try trainer.fit(barImages(count: 96, seed: 6), configuration: TrainingConfiguration(epochs: 1, batchSize: 32, seed: 7))
                weights.append(model.parameters.flatMap { $0.value.array.map(\.bitPattern) })
            }
            XCTAssertEqual(weights[0], weights[1], "optimizer \(k)")
        }
    }

    func testSGDMomentumMatchesTheRule() {
        let p = parameter([1, 2], [0.5, -0.5])
        let sgd = SGD(learningRate: 0.1, momentum: 0.9)
        sgd.step([p])   // v = -0.05, 0.05
        sgd.step([p])   // v = -0.095, 0.095
        XCTAssertEqual(p.value[0], 1 - 0.05 - 0.095, accuracy: 1e-6)
        XCTAssertEqual(p.value[1], 2 + 0.05 + 0.095, accuracy: 1e-6)
    }

    func testPlainSGD() {
        let p = parameter([1], [2])
        SGD(learningRate: 0.25).step([p])
        XCTAssertEqual(p.value[0], 0.5)
    }
}
