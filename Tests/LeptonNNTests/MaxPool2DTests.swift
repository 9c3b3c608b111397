import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class MaxPool2DTests: XCTestCase {
    func testTwoByTwoValid() throws {
        try checkLayer(MaxPool2D(poolSize: (2, 2)), inputShape: [6, 5, 3], batch: 2, seed: 21) { x, _ in
            Reference.maxPool(x, [2, 6, 5, 3], pool: (2, 2), stride: (2, 2), padding: .valid).0
        }
    }

    func testThreeByThreeStrideTwoSame() throws {
        try checkLayer(MaxPool2D(poolSize: (3, 3), strides: (2, 2), padding: .same), inputShape: [7, 6, 2],
                       batch: 3, seed: 22) { x, _ in
            Reference.maxPool(x, [3, 7, 6, 2], pool: (3, 3), stride: (2, 2), padding: .same).0
        }
    }

    func testANonPositiveStrideIsRefusedNamingTheLayerAndValue() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try MaxPool2D(poolSize: (2, 2), strides: (0, 2)).build(inputShape: [8, 8, 1], index: 1, rng: &rng)) { error in
            XCTAssertEqual(String(describing: error),
                           "max_pooling2d pool size/strides = 2×2/0×2 is not allowed; expected positive integers")
        }
    }

    func testPoolLargerThanInputIsRejected() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try MaxPool2D(poolSize: (2, 2)).build(inputShape: [1, 1, 8], index: 3, rng: &rng)) { error in
            XCTAssertTrue(String(describing: error).contains("2×2 pool is larger than the 1×1 input"), "\(error)")
        }
    }
}
