import XCTest
@testable import LeptonNN
import LeptonTensor

final class SequentialSplitTests: XCTestCase {
    func testPrefixThenSuffixEqualsTheWholeModel() throws {
        let model = try Sequential([Conv2D(filters: 4, activation: .relu), MaxPool2D(), Flatten(),
                                    Dense(units: 8, activation: .relu), Dense(units: 3, activation: .softmax)])
            .build(inputShape: [6, 6, 1], seed: 2)
        let data = barImages(count: 5, seed: 3)
        let x = Tensor(shape: [5, 6, 6, 1], values: data.features)
        let whole = model.forward(x).array
        for k in model.splitPoints {
            let middle = model.forward(x, layers: 0..<k).copy()
            XCTAssertEqual(Array(middle.shape.dropFirst()), model.shape(afterLayers: k))
            let out = model.forward(middle, layers: k..<model.layers.count).array
            XCTAssertEqual(out, whole, "cut \(k)")
        }
        XCTAssertEqual(model.splitPoints, 0...5)
        XCTAssertEqual(model.forwardFLOPs(layers: 0..<2) + model.forwardFLOPs(layers: 2..<5), model.forwardFLOPs)
    }
}
