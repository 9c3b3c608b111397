import Foundation
import XCTest
import LeptonCore
import LeptonEmulation
import LeptonNN
import LeptonTensor

/// y = x ⊙ γ, a learned gain per feature (γ starts at 1): a user's layer with a parameter,
/// written as a user writes one — its math, its parameter and a copy; nothing else.
final class Gain: Layer {
    var name = "gain"
    private var gamma = TrainableParameter(name: "gain", shape: [0]), input: Tensor?
    var parameters: [TrainableParameter] { [gamma] }
    func copy() -> Layer { Gain() }
    func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        gamma = TrainableParameter(name: "\(name).gamma", shape: inputShape)
        gamma.value.fill(1)
        return inputShape
    }
    func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        return Tensor(shape: x.shape, values: (0..<x.count).map { x[$0] * gamma.value[$0 % gamma.count] })
    }
    func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? {
        guard let x = input else { return nil }
        gamma.gradient.fill(0)
        for i in 0..<g.count { gamma.gradient[i % gamma.count] += g[i] * x[i] }
        return inputGradient ? Tensor(shape: g.shape, values: (0..<g.count).map { g[$0] * gamma.value[$0 % gamma.count] }) : nil
    }
}

/// A custom layer goes everywhere a built-in one goes: training (on both shards of every
/// batch), a safetensors file and back, int8 quantisation (where it stays Float32 and is
/// named as such) and the memory footprint.
final class CustomLayerTests: XCTestCase {
    /// 400 points in [-1, 1]²; class 1 when x₀ > x₁.
    private func data() -> Samples {
        var rng = SeededGenerator(seed: 5)
        var features: [Float] = [], labels: [Int32] = []
        for _ in 0..<400 {
            let a = 2 * rng.nextUnitFloat() - 1, b = 2 * rng.nextUnitFloat() - 1
            features += [a, b]
            labels.append(a > b ? 1 : 0)
        }
        return Samples(features: features, sampleShape: [2], labels: labels, classes: 2, source: "x0 > x1")
    }

    private func model() throws -> Sequential {
        try Sequential([Gain(), Dense(units: 2, activation: .softmax)]).build(inputShape: [2], seed: 3)
    }

    func testTrainsSavesReloadsQuantisesAndHasAFootprint() throws {
        // Trains: the loss falls, the gain moves away from 1, the model learns the rule.
        let trained = try model()
        XCTAssertEqual(trained.layers[0].name, "gain")
        let trainer = Trainer(model: trained, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.05))
        let history = try trainer.fit(data(), configuration: TrainingConfiguration(epochs: 15, batchSize: 16, seed: 2))
        let first = try XCTUnwrap(history.epochs.first?.trainLoss), last = try XCTUnwrap(history.epochs.last?.trainLoss)
        XCTAssertLessThan(last, first / 2, "loss \(first) → \(last)")
        XCTAssertNotEqual(trained.layers[0].parameters[0].value.array, [1, 1], "the custom layer's parameter trained")
        XCTAssertGreaterThan(trainer.evaluate(data()).accuracy ?? 0, 0.95)

        // Saves to safetensors and reloads into a fresh model: the same weights and outputs.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gain-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors.save(trained, to: url)
        let reloaded = try model()
        try Safetensors.load(into: reloaded, from: url)
        XCTAssertEqual(reloaded.parameters.map(\.name), ["gain.gamma", "dense.kernel", "dense.bias"])
        XCTAssertEqual(reloaded.parameters.map(\.value.array), trained.parameters.map(\.value.array))
        let x = Tensor(shape: [3, 2], values: [0.5, -0.25, -1, 0.75, 0.1, 0.2])
        XCTAssertEqual(reloaded.forward(x).array, trained.forward(x).array)

        // Quantises: the dense layer becomes int8, the custom layer says it stays Float32.
        XCTAssertEqual(Quantization.float32Layers(in: reloaded), ["gain (gain, 2 Float32 parameters)"])
        let int8 = try Quantization.quantize(reloaded)
        XCTAssertTrue(int8.layers[1] is QuantizedLayer)
        XCTAssertEqual(int8.layers[0].parameters[0].value.array, reloaded.layers[0].parameters[0].value.array)
        let floatOut = reloaded.forward(x).array, int8Out = int8.forward(x).array
        for (a, b) in zip(floatOut, int8Out) { XCTAssertEqual(a, b, accuracy: 0.02) }

        // Footprint: 4 bytes per Float32 parameter; the int8 model stores the gain in Float32.
        let footprint = ModelFootprint(model: reloaded, layers: 0..<2, batch: 8)
        XCTAssertEqual(footprint.weights, .bytes(4 * (2 + 2 * 2 + 2)))
        XCTAssertEqual(footprint.activations, .bytes(4 * 8 * (2 + 2)), "the larger of the two layers' input + output")
        let int8Footprint = ModelFootprint(model: int8, layers: 0..<2, batch: 8)
        XCTAssertEqual(int8Footprint.weights, .bytes(4 * 2 + ((int8.layers[1] as? QuantizedLayer)?.storageBytes ?? 0)))
    }
}
