import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class DropoutTests: XCTestCase {
    func testMaskScalesSurvivorsAndGradientFollowsMask() throws {
        let layer = Dropout(rate: 0.25)
        var rng = SeededGenerator(seed: 5)
        _ = try layer.build(inputShape: [1000], index: 1, rng: &rng)
        var values = TestValues(seed: 6)
        let x = values.doubles(2000, 0.5, 1.5)
        let y = layer.forward(Tensor(doubles: x, shape: [2, 1000]), training: true).array
        // Recover the mask in Double: each output is 0 or x/(1−rate).
        var dropped = 0
        var mask = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count {
            if y[i] == 0 { dropped += 1 } else {
                XCTAssertEqual(Double(y[i]), x[i] / 0.75, accuracy: 1e-5)
                mask[i] = 1 / 0.75
            }
        }
        XCTAssertEqual(Double(dropped) / 2000, 0.25, accuracy: 0.04)
        let r = values.doubles(2000)
        let dx = try XCTUnwrap(layer.backward(Tensor(doubles: r, shape: [2, 1000]), inputGradient: true))
        // L = Σ r·(mask·x): dL/dx = r·mask, by central differences in Double.
        let idx = values.sample(2000, 30)
        let numeric = Reference.numericGradient(x, indices: idx) { xs in
            zip(zip(xs, mask), r).reduce(0) { $0 + $1.0.0 * $1.0.1 * $1.1 }
        }
        for (k, i) in idx.enumerated() { XCTAssertLessThan(relativeError(Double(dx[i]), numeric[k]), 1e-4) }
    }

    func testInferenceIsIdentity() throws {
        let layer = Dropout(rate: 0.5)
        var rng = SeededGenerator(seed: 5)
        _ = try layer.build(inputShape: [10], index: 1, rng: &rng)
        let x = Tensor(shape: [1, 10], values: (0..<10).map(Float.init))
        XCTAssertEqual(layer.forward(x, training: false).array, x.array)
    }
}
