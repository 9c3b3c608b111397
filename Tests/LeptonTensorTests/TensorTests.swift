import XCTest
@testable import LeptonTensor

final class TensorTests: XCTestCase {
    func testReuseKeepsTheBufferWhenLargeEnough() {
        let t = Tensor(zeros: [64, 10])
        let same = Tensor.reuse(t, shape: [32, 10])
        XCTAssertTrue(same === t)
        XCTAssertEqual(same.shape, [32, 10])
        let bigger = Tensor.reuse(t, shape: [65, 10])
        XCTAssertFalse(bigger === t)
    }

    func testViewSharesStorage() {
        let t = Tensor(shape: [2, 2, 2], values: (0..<8).map(Float.init))
        let v = Tensor(viewing: t, shape: [2, 4])
        v[5] = 42
        XCTAssertEqual(t[5], 42)
        XCTAssertEqual(v.sampleSize, 4)
    }

    func testActivationsForward() {
        let x = Tensor(shape: [1, 10], values: [-2, -1, 0, 1, 2, -0.5, 0.5, 3, -3, 0.25])
        let r = x.copy()
        Activation.relu.forward(r.pointer, rows: 1, cols: 10)
        XCTAssertEqual(r.array, [0, 0, 0, 1, 2, 0, 0.5, 3, 0, 0.25])
        let s = x.copy()
        Activation.softmax.forward(s.pointer, rows: 2, cols: 5)
        XCTAssertEqual(Double(s.array[0..<5].reduce(0, +)), 1, accuracy: 1e-6)
        XCTAssertEqual(Double(s.array[5..<10].reduce(0, +)), 1, accuracy: 1e-6)
        let big = Tensor(shape: [1, 2], values: [1000, 0])
        Activation.softmax.forward(big.pointer, rows: 1, cols: 2)
        XCTAssertEqual(big.array, [1, 0], "max-shifted softmax does not overflow")
        let sig = Tensor(shape: [1, 2], values: [-100, 100])
        Activation.sigmoid.forward(sig.pointer, rows: 1, cols: 2)
        XCTAssertLessThan(sig[0], 1e-30, "stable in the negative tail")
        XCTAssertEqual(sig[1], 1)
    }

    func testPaddingArithmeticMatchesKeras() {
        XCTAssertEqual(Padding.valid.output(input: 28, window: 3, stride: 1).size, 26)
        XCTAssertEqual(Padding.same.output(input: 28, window: 3, stride: 1).size, 28)
        XCTAssertEqual(Padding.same.output(input: 28, window: 3, stride: 1).padBefore, 1)
        XCTAssertEqual(Padding.same.output(input: 7, window: 2, stride: 2).size, 4)
        XCTAssertEqual(Padding.same.output(input: 7, window: 2, stride: 2).padBefore, 0)
        XCTAssertEqual(Padding.valid.output(input: 2, window: 3, stride: 1).size, 0)
    }
}
