import XCTest
import LeptonCore
@testable import LeptonNN
import LeptonTensor

/// Inference (Lepton's own dense and convolution kernels) and the training forward pass
/// (OpenBLAS) compute the same function: their outputs agree to rounding for layer widths
/// that take every path of the kernels (multiples of 64, of 16, of 8 only, and none).
final class InferenceMatchesTrainingTests: XCTestCase {
    func testDenseStacksAgreeAtEveryWidthAndBatch() throws {
        for (units, batch) in [(200, 32), (200, 1), (64, 13), (40, 7), (10, 5), (136, 64)] {
            let model = try Sequential([Flatten(), Dense(units: units, activation: .relu), Dense(units: units, activation: .relu),
                                        Dense(units: 10, activation: .softmax)]).build(inputShape: [8, 8, 1], seed: 3)
            var rng = SeededGenerator(seed: 4)
            for p in model.parameters {      // trained-looking values: non-zero biases, wider weights
                for i in 0..<p.count { p.value.pointer[i] = rng.uniform(-0.5, 0.5) }
            }
            let x = Tensor(shape: [batch, 8, 8, 1], values: (0..<(batch * 64)).map { _ in rng.uniform(0, 16) })
            let inferred = model.forward(x, training: false).copy().array
            let trained = model.forward(x, training: true).array
            for (i, (a, b)) in zip(inferred, trained).enumerated() {
                XCTAssertEqual(a, b, accuracy: 1e-4, "units \(units), batch \(batch), output \(i)")
            }
        }
    }

    /// A Winograd layer (5×5, 16 → 16, 'same', fused with its pool) predicts with a kept
    /// transform of its kernel: the bits of the training pass, call after call, and still
    /// after its weights change — by a write through the pointer, as a loader or an optimizer
    /// does — never a stale transform's.
    func testAWinogradLayerPredictsWithTheWeightsItHasNow() throws {
        let model = try Sequential([Conv2D(filters: 16, kernelSize: (5, 5), padding: .same, activation: .relu),
                                    MaxPool2D(), Flatten(), Dense(units: 10, activation: .softmax)])
            .build(inputShape: [8, 8, 16], seed: 5)
        var rng = SeededGenerator(seed: 6)
        let x = Tensor(shape: [2, 8, 8, 16], values: (0..<(2 * 8 * 8 * 16)).map { _ in rng.uniform(0, 1) })
        let conv = try XCTUnwrap(model.layers.first as? Conv2D)
        XCTAssertEqual(conv.algorithm, "Winograd F(2×2, 5×5)")
        for step in 0..<3 {
            let trained = model.forward(x, training: true).copy().array
            for _ in 0..<2 {
                XCTAssertEqual(model.forward(x, training: false).array.map(\.bitPattern), trained.map(\.bitPattern),
                               "after change \(step)")
            }
            for i in stride(from: step, to: conv.kernel.count, by: 7) { conv.kernel.value.pointer[i] *= -1.5 }
        }
    }

    /// A Predictor (its Dense kernels packed in panels) gives the model's own bits at batch 1
    /// and at a batch of 5 (and so does its replica), on one thread and on two, for widths that fill
    /// whole panels, end in a padded one, or stay unpacked (a 10-unit head); and it is a
    /// snapshot: training the model afterwards changes the model's predictions, not the
    /// predictor's.
    func testAPredictorGivesTheModelsBitsAndIsASnapshot() throws {
        let threads = ComputeThreads.count
        defer { ComputeThreads.set(threads) }
        let model = try Sequential([Conv2D(filters: 16, kernelSize: (3, 3), activation: .relu), MaxPool2D(), Flatten(),
                                    Dense(units: 1024, activation: .relu), Dense(units: 130, activation: .relu),
                                    Dense(units: 64), Dense(units: 10, activation: .softmax)])
            .build(inputShape: [12, 12, 1], seed: 7)
        var rng = SeededGenerator(seed: 8)
        for p in model.parameters {
            for i in 0..<p.count { p.value.pointer[i] = rng.uniform(-0.3, 0.3) }
        }
        let samples = (0..<5).map { _ in (0..<144).map { _ in rng.uniform(0, 1) as Float } }
        let one = samples.map { Tensor(shape: [1, 12, 12, 1], values: $0) }
        let five = Tensor(shape: [5, 12, 12, 1], values: samples.flatMap { $0 })
        func outputs(_ run: (Tensor) -> Tensor) -> [[UInt32]] {
            one.map { run($0).array.map(\.bitPattern) } + [run(five).array.map(\.bitPattern)]
        }
        ComputeThreads.set(1)
        let before = outputs { model.forward($0, training: false) }
        let predictor = Predictor(model)
        for t in [1, 2] {
            ComputeThreads.set(t)
            XCTAssertEqual(outputs { model.forward($0, training: false) }, before, "the model, \(t) thread(s)")
            XCTAssertEqual(outputs { predictor.predict($0) }, before, "the predictor, \(t) thread(s)")
        }
        let replica = predictor.replica()       // shares the packed kernels
        XCTAssertEqual(outputs { replica.predict($0) }, before, "the predictor's replica")
        for p in model.parameters { p.value.pointer[0] += 0.25 }      // as an optimizer step writes
        XCTAssertNotEqual(outputs { model.forward($0, training: false) }, before, "the model has changed")
        XCTAssertEqual(outputs { predictor.predict($0) }, before, "the predictor keeps the weights it was made with")
        XCTAssertEqual(outputs { Predictor(model).predict($0) }, outputs { model.forward($0, training: false) },
                       "a new predictor has the new weights")
    }
}
