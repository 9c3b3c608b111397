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

    func testLayerWithoutInt8FormStaysFloat32AndIsNamed() throws {
        final class Custom: Layer {
            var name = "custom"
            let p = TrainableParameter(name: "custom.w", shape: [2])
            var parameters: [TrainableParameter] { [p] }
            func copy() -> Layer { Custom() }
            func forward(_ input: Tensor, training: Bool) -> Tensor { input }
            func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? { g }
        }
        let model = try Sequential([Flatten(), Custom(), Dense(units: 3)]).build(inputShape: [2, 1, 1], seed: 1)
        model.layers[1].parameters[0].value.pointer.update(from: [0.25, -2], count: 2)
        XCTAssertEqual(Quantization.float32Layers(in: model), ["custom (custom, 2 Float32 parameters)"])
        let q = try Quantization.quantize(model)
        XCTAssertEqual(q.layers[1].parameters[0].value.array, [0.25, -2], "kept with its Float32 weights")
        XCTAssertFalse(q.layers[1].parameters[0].value === model.layers[1].parameters[0].value, "a copy, not shared")
        let int8 = try XCTUnwrap(q.layers[2] as? QuantizedLayer)
        XCTAssertEqual(q.weightStorageBytes, 4 * 2 + int8.storageBytes)
    }
}
