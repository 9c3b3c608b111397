import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class DenseTests: XCTestCase {
    private func check(_ activation: Activation, seed: UInt64) throws {
        let inputs = 7, units = 5, batch = 4
        try checkLayer(Dense(units: units, activation: activation), inputShape: [inputs], batch: batch, seed: seed) { x, p in
            Reference.activate(activation, Reference.dense(x, rows: batch, inputs: inputs, kernel: p[0], bias: p[1], units: units),
                               cols: units)
        }
    }

    func testLinear() throws { try check(.linear, seed: 31) }
    func testReLU() throws { try check(.relu, seed: 32) }
    func testSigmoid() throws { try check(.sigmoid, seed: 33) }
    func testTanh() throws { try check(.tanh, seed: 34) }
    func testSoftmax() throws { try check(.softmax, seed: 35) }

    func testGlorotUniformLimitAndZeroBias() throws {
        let layer = Dense(units: 50)
        var rng = SeededGenerator(seed: 3)
        _ = try layer.build(inputShape: [150], index: 0, rng: &rng)
        let limit = Float((6.0 / 200.0).squareRoot())
        let w = layer.kernel.value.array
        XCTAssertTrue(w.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(w.map(abs).max() ?? 0, limit * 0.95, "values should fill the interval")
        XCTAssertTrue(layer.bias.value.array.allSatisfy { $0 == 0 })
    }

    func testDenseOnImagesAsksForFlatten() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try Dense(units: 3).build(inputShape: [4, 4, 1], index: 2, rng: &rng)) { error in
            XCTAssertTrue(String(describing: error).contains("Flatten"), "\(error)")
        }
    }
}
