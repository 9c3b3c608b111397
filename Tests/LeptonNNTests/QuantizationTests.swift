import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class QuantizationTests: XCTestCase {
    private func trained() throws -> Sequential {
        let model = try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(),
                                    Dense(units: 64, activation: .relu), Dense(units: 3, activation: .softmax)])
            .build(inputShape: [6, 6, 1], seed: 3)
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
        _ = try trainer.fit(barImages(count: 600, seed: 1), configuration: TrainingConfiguration(epochs: 6, batchSize: 32, seed: 4))
        return model
    }

    func testQuantisedTensorErrorIsAtMostHalfAStep() {
        var rng = SeededGenerator(seed: 5)
        let w = Tensor(zeros: [3, 3, 2, 4])
        for i in 0..<w.count { w[i] = rng.uniform(-1, 1) * Float(1 + i % 4) }
        for scheme in QuantizationScheme.allCases {
            let q = QuantizedTensor(quantizing: w, name: "k", scheme: scheme)
            XCTAssertEqual(q.scales.count, scheme == .perChannel ? 4 : 1)
            XCTAssertEqual(q.storageBytes, 72 + 4 * q.scales.count)
            let back = q.dequantized()
            for i in 0..<w.count {
                XCTAssertLessThanOrEqual(abs(back[i] - w[i]), q.scales[i % q.scales.count] * 0.5 + 1e-7)
                XCTAssertLessThanOrEqual(abs(Int(q.codes[i])), 127)
            }
        }
    }

    func testBlockedMultiplyMatchesTheDequantisedProduct() {
        var rng = SeededGenerator(seed: 6)
        let w = Tensor(zeros: [300, 7])                  // 146 rows per block: 3 blocks
        for i in 0..<w.count { w[i] = rng.uniform(-1, 1) }
        let q = QuantizedTensor(quantizing: w, name: "k", scheme: .perChannel)
        let a = Tensor(zeros: [5, 300])
        for i in 0..<a.count { a[i] = rng.uniform(-1, 1) }
        let dense = q.dequantized()
        let expected = Tensor(zeros: [5, 7])
        BLAS.gemm(.none, .none, m: 5, n: 7, k: 300, a: a.pointer, aCount: a.count, lda: 300,
                  b: dense.pointer, bCount: dense.count, ldb: 7, c: expected.pointer, cCount: 35, ldc: 7)
        let c = Tensor(zeros: [5, 7]), scratch = Tensor(zeros: [q.scratchElements])
        XCTAssertEqual(q.scratchElements, 146 * 7)
        q.multiply(a.pointer, aCount: a.count, rows: 5, lda: 300, into: c.pointer, cCount: 35, scratch: scratch.pointer)
        for i in 0..<35 { XCTAssertEqual(c[i], expected[i], accuracy: 1e-4) }
    }

    /// 002's compression: int8 weights are ≤ 0.3× the Float32 size and lose ≤ 1 point.
    func testQuantisedModelIsSmallAndAccurate() throws {
        let model = try trained()
        let test = barImages(count: 600, seed: 2)
        for scheme in QuantizationScheme.allCases {
            let q = try Quantization.quantize(model, scheme: scheme)
            XCTAssertTrue(q.isQuantized)
            XCTAssertFalse(model.isQuantized)
            XCTAssertEqual(q.layerOutputShapes, model.layerOutputShapes)
            let result = Quantization.compare(model, q, on: test)
            XCTAssertEqual(result.floatBytes, 4 * model.parameterCount)
            XCTAssertLessThanOrEqual(result.sizeRatio, 0.3, "\(scheme)")
            XCTAssertLessThanOrEqual(abs(result.accuracyChangePoints ?? 99), 1.0, "\(scheme)")
            XCTAssertGreaterThan(result.int8Evaluation.accuracy ?? 0, 0.9)
        }
    }

    func testUnsupportedLayerWithParametersIsNamed() throws {
        final class Custom: Layer {
            let kind = "custom"
            var name = "custom"
            let summary = "custom"
            let activation = Activation.linear
            let forwardFLOPs = 0
            let configuration: [String: String] = [:]
            let p = TrainableParameter(name: "custom.w", shape: [2])
            var parameters: [TrainableParameter] { [p] }
            func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] { inputShape }
            func forward(_ input: Tensor, training: Bool) -> Tensor { input }
            func backward(_ g: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? { g }
            func replica() -> Layer { Custom() }
        }
        let model = try Sequential([Flatten(), Custom()]).build(inputShape: [2, 1, 1], seed: 1)
        XCTAssertThrowsError(try Quantization.quantize(model)) { XCTAssertTrue("\($0)".contains("'custom'"), "\($0)") }
    }
}
