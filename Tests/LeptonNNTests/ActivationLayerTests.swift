import XCTest
@testable import LeptonNN
import LeptonTensor

final class ActivationLayerTests: XCTestCase {
    func testEveryActivation() throws {
        for (k, a) in Activation.allCases.enumerated() {
            try checkLayer(ActivationLayer(a), inputShape: [6], batch: 3, seed: 40 + UInt64(k), inputRange: (-3, 3)) { x, _ in
                Reference.activate(a, x, cols: 6)
            }
        }
    }

    func testFlattenIsReshape() throws {
        try checkLayer(Flatten(), inputShape: [3, 2, 2], batch: 2, seed: 49) { x, _ in x }
    }
}
