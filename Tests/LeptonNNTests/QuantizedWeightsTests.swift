import XCTest
@testable import LeptonNN
import LeptonTensor

final class QuantizedWeightsTests: XCTestCase {
    func testInt8WeightsRoundTripThroughBytes() throws {
        let trained = try Sequential([Conv2D(filters: 8, activation: .relu), MaxPool2D(), Flatten(), Dense(units: 32)])
            .build(inputShape: [6, 6, 1], seed: 7)
        let other = try Sequential([Conv2D(filters: 8, activation: .relu), MaxPool2D(), Flatten(), Dense(units: 32)])
            .build(inputShape: [6, 6, 1], seed: 8)
        let q = try Quantization.quantize(trained, scheme: .perTensor)
        let bytes = QuantizedWeights.encode(q)
        XCTAssertEqual(Array(bytes[0..<8]).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } % 8, 0)
        let target = try Quantization.quantize(other, scheme: .perTensor)
        try QuantizedWeights.decode(bytes, into: target)
        for (a, b) in zip(q.layers, target.layers) {
            guard let qa = a as? QuantizedLayer, let qb = b as? QuantizedLayer else { continue }
            XCTAssertEqual(qa.quantizedKernel, qb.quantizedKernel)
            XCTAssertEqual(qa.biasValues, qb.biasValues)
        }
        let x = Tensor(shape: [2, 6, 6, 1], values: barImages(count: 2, seed: 1).features)
        XCTAssertEqual(q.forward(x).array, target.forward(x).array)
        XCTAssertLessThan(bytes.count, 4 * trained.parameterCount / 2, "int8 codes, scales and biases plus a small header")
        XCTAssertThrowsError(try QuantizedWeights.decode(Array(bytes.prefix(20)), into: target))
    }
}
