import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

/// Checks a built layer against a Double reference: forward values, then the input and
/// parameter gradients of L = Σ r·y against central differences of the reference.
func checkLayer(_ layer: Layer, inputShape: [Int], batch: Int, seed: UInt64,
                inputRange: (Double, Double) = (-1, 1),
                reference: @escaping (_ x: [Double], _ params: [[Double]]) -> [Double],
                file: StaticString = #filePath, line: UInt = #line) throws {
    var values = TestValues(seed: seed)
    var rng = SeededGenerator(seed: seed &+ 1)
    let outShape = try layer.build(inputShape: inputShape, index: 1, rng: &rng)
    // Non-zero biases so that their effect is checked too.
    for p in layer.parameters where p.shape.count == 1 {
        for i in 0..<p.count { p.value.pointer[i] = Float(values.doubles(1, -0.5, 0.5)[0]) }
    }
    let xShape = [batch] + inputShape
    let x = values.doubles(Tensor.elementCount(xShape), inputRange.0, inputRange.1)
    let params = layer.parameters.map(\.value.doubles)
    let yRef = reference(x, params)
    let y = layer.forward(Tensor(doubles: x, shape: xShape), training: true)
    XCTAssertEqual(y.shape, [batch] + outShape, "output shape", file: file, line: line)
    XCTAssertEqual(y.count, yRef.count, "output count", file: file, line: line)
    for i in 0..<min(y.count, yRef.count) {
        XCTAssertEqual(Double(y[i]), yRef[i], accuracy: 1e-4 * max(1, abs(yRef[i])), "forward value \(i)", file: file, line: line)
    }
    let r = values.doubles(y.count)
    let dx = layer.backward(Tensor(doubles: r, shape: y.shape), inputGradient: true)
    func objective(_ x: [Double], _ params: [[Double]]) -> Double {
        zip(reference(x, params), r).reduce(0) { $0 + $1.0 * $1.1 }
    }
    // Input gradient.
    let xi = values.sample(x.count, 40)
    let numericX = Reference.numericGradient(x, indices: xi) { objective($0, params) }
    guard let dxT = dx else { return XCTFail("no input gradient", file: file, line: line) }
    for (k, i) in xi.enumerated() {
        XCTAssertLessThan(relativeError(Double(dxT[i]), numericX[k]), 2e-3,
                          "dL/dx[\(i)]: analytic \(dxT[i]) vs numeric \(numericX[k])", file: file, line: line)
    }
    // TrainableParameter gradients.
    for (pi, p) in layer.parameters.enumerated() {
        let idx = values.sample(p.count, 40)
        let numeric = Reference.numericGradient(params[pi], indices: idx) { v in
            var ps = params
            ps[pi] = v
            return objective(x, ps)
        }
        for (k, i) in idx.enumerated() {
            XCTAssertLessThan(relativeError(Double(p.gradient[i]), numeric[k]), 2e-3,
                              "dL/d\(p.name)[\(i)]: analytic \(p.gradient[i]) vs numeric \(numeric[k])",
                              file: file, line: line)
        }
    }
}
