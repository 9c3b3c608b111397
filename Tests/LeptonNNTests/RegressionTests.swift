import Foundation
import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class RegressionTests: XCTestCase {
    func testMetricsOnAKnownCase() {
        let m = RegressionMetrics(predictions: [1, 2, 4], targets: [1, 3, 5])
        XCTAssertEqual(m.mse, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(m.mae, 2.0 / 3, accuracy: 1e-12)
        // ȳ = 3, SST = 4 + 0 + 4 = 8, SSE = 2.
        XCTAssertEqual(m.r2, 0.75, accuracy: 1e-12)
        XCTAssertEqual(RegressionMetrics(predictions: [3, 3, 3], targets: [1, 3, 5]).r2, 0, accuracy: 1e-12)
    }

    func testLeastSquaresRecoversAnExactPlane() throws {
        var rng = SeededGenerator(seed: 2)
        let x: [Double] = (0..<60).map { _ in rng.normal() }
        let y: [Double] = (0..<30).map { (i: Int) -> Double in
            let a: Double = x[2 * i], b: Double = x[2 * i + 1]
            return 1.5 - 2 * a + 0.25 * b
        }
        let fit = try XCTUnwrap(LeastSquares.fit(features: x, width: 2, targets: y))
        XCTAssertEqual(fit.coefficients[0], 1.5, accuracy: 1e-9)
        XCTAssertEqual(fit.coefficients[1], -2, accuracy: 1e-9)
        XCTAssertEqual(fit.coefficients[2], 0.25, accuracy: 1e-9)
        XCTAssertEqual(RegressionMetrics(predictions: fit.predict(features: x), targets: y).r2, 1, accuracy: 1e-9)
        XCTAssertNil(LeastSquares.fit(features: [1, 1, 2, 2, 3, 3], width: 2, targets: [1, 2, 3]))
    }

    /// 004-C14: the saved sensor model reloads and predicts exactly as the one in memory.
    func testSensorRegressorSavedAndReloadedPredictsIdentically() throws {
        var rng = SeededGenerator(seed: 4)
        let x: [Float] = (0..<300).map { _ in Float(rng.normal()) }
        let y: [Float] = (0..<100).map { (i: Int) -> Float in
            let a: Float = x[3 * i], c: Float = x[3 * i + 2]
            return 3 * a - c + 0.5
        }
        let data = Samples(features: x, sampleShape: [3], values: y, width: 1, source: "synthetic")
        let model = try ModelZoo.sensorRegressor(inputs: 3, seed: 1)
        XCTAssertEqual(model.parameterCount, 64 * 4 + 32 * 65 + 33)
        let before = Trainer(model: model, loss: .meanSquaredError, optimizer: Adam()).evaluate(data).loss
        _ = try Trainer(model: model, loss: .meanSquaredError, optimizer: Adam())
            .fit(data, configuration: TrainingConfiguration(epochs: 60, batchSize: 32, seed: 1))
        XCTAssertLessThan(Trainer(model: model, loss: .meanSquaredError, optimizer: Adam()).evaluate(data).loss, before / 2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-sensor-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors.save(model, to: url)
        let reloaded = try ModelZoo.sensorRegressor(inputs: 3, seed: 99)
        try Safetensors.load(into: reloaded, from: url)
        let a = model.predict(data), b = reloaded.predict(data)
        XCTAssertEqual(a.count, 100)
        XCTAssertEqual(a.map { $0.bitPattern }, b.map { $0.bitPattern })
    }
}
