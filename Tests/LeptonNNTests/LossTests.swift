import XCTest
@testable import LeptonNN
import LeptonTensor

final class LossTests: XCTestCase {
    private func checkGradient(_ loss: Loss, rows: Int, cols: Int, seed: UInt64, targets: (inout TestValues) -> [Double]) {
        var values = TestValues(seed: seed)
        let p = values.doubles(rows * cols, 0.05, 0.95)
        let y = targets(&values)
        let pf = p.map(Float.init), yf = y.map(Float.init)
        var g = [Float](repeating: 0, count: p.count)
        let value = pf.withUnsafeBufferPointer { pb in yf.withUnsafeBufferPointer { yb in g.withUnsafeMutableBufferPointer { gb in
            loss.evaluate(predictions: pb.baseAddress!, targets: yb.baseAddress!, rows: rows, cols: cols, gradient: gb.baseAddress!)
        }}}
        XCTAssertEqual(value, Reference.loss(loss, p, y, rows: rows), accuracy: 1e-5, "\(loss) value")
        let numeric = Reference.numericGradient(p, indices: Array(0..<p.count)) { Reference.loss(loss, $0, y, rows: rows) }
        for i in 0..<p.count {
            XCTAssertLessThan(relativeError(Double(g[i]), numeric[i]), 1e-3, "\(loss) d/dp[\(i)] \(g[i]) vs \(numeric[i])")
        }
    }

    private func oneHot(_ values: inout TestValues, rows: Int, cols: Int) -> [Double] {
        var y = [Double](repeating: 0, count: rows * cols)
        for r in 0..<rows { y[r * cols + values.rng.index(below: cols)] = 1 }
        return y
    }

    func testCategoricalCrossEntropy() {
        checkGradient(.categoricalCrossEntropy, rows: 4, cols: 5, seed: 51) { oneHot(&$0, rows: 4, cols: 5) }
    }

    func testBinaryCrossEntropy() {
        checkGradient(.binaryCrossEntropy, rows: 6, cols: 2, seed: 52) { v in (0..<12).map { _ in v.rng.index(below: 2) == 0 ? 0 : 1 } }
    }

    func testMeanSquaredError() {
        checkGradient(.meanSquaredError, rows: 5, cols: 3, seed: 53) { $0.doubles(15, -2, 2) }
    }

    /// The trainer's fused gradient (p − y)/N for softmax + cross-entropy equals the
    /// derivative of CE(softmax(z)) with respect to the logits z.
    func testFusedSoftmaxCrossEntropyGradient() throws {
        let rows = 3, cols = 4
        var values = TestValues(seed: 54)
        let z = values.doubles(rows * cols, -2, 2)
        let y = oneHot(&values, rows: rows, cols: cols)
        let scale = try XCTUnwrap(Loss.categoricalCrossEntropy.fusedLogitScale(after: .softmax, rows: rows, cols: cols))
        let p = Reference.activate(.softmax, z, cols: cols)
        let numeric = Reference.numericGradient(z, indices: Array(0..<z.count)) {
            Reference.loss(.categoricalCrossEntropy, Reference.activate(.softmax, $0, cols: cols), y, rows: rows)
        }
        for i in 0..<z.count {
            XCTAssertLessThan(relativeError((p[i] - y[i]) * Double(scale), numeric[i]), 1e-4)
        }
    }

    func testFusedSigmoidBinaryCrossEntropyGradient() throws {
        let rows = 5, cols = 1
        var values = TestValues(seed: 55)
        let z = values.doubles(rows, -3, 3)
        let y = (0..<rows).map { _ in Double(values.rng.index(below: 2)) }
        let scale = try XCTUnwrap(Loss.binaryCrossEntropy.fusedLogitScale(after: .sigmoid, rows: rows, cols: cols))
        let p = Reference.activate(.sigmoid, z, cols: 1)
        let numeric = Reference.numericGradient(z, indices: Array(0..<rows)) {
            Reference.loss(.binaryCrossEntropy, Reference.activate(.sigmoid, $0, cols: 1), y, rows: rows)
        }
        for i in 0..<rows { XCTAssertLessThan(relativeError((p[i] - y[i]) * Double(scale), numeric[i]), 1e-4) }
        XCTAssertNil(Loss.meanSquaredError.fusedLogitScale(after: .softmax, rows: 1, cols: 1))
    }
}
