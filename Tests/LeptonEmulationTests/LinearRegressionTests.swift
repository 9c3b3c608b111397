import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonTensor

final class LinearRegressionTests: XCTestCase {
    func testRecoversAPlantedLinearModel() {
        var rng = SeededGenerator(seed: 8)
        var x: [[Double]] = [], y: [Double] = []
        for _ in 0..<50 {
            let flops = Double(rng.index(below: 1_000_000)), elements = Double(rng.index(below: 10_000))
            x.append([1, flops, elements])
            y.append(2e-6 + 3e-10 * flops + 5e-9 * elements)
        }
        let r = LinearRegression.fit(x, y)
        XCTAssertEqual(r.coefficients[0], 2e-6, accuracy: 1e-9)
        XCTAssertEqual(r.coefficients[1], 3e-10, accuracy: 1e-13)
        XCTAssertEqual(r.coefficients[2], 5e-9, accuracy: 1e-12)
    }

    func testZeroAndCollinearFeaturesDoNotBreakIt() {
        let x: [[Double]] = [[1, 0, 10], [1, 0, 20], [1, 0, 40]]
        let r = LinearRegression.fit(x, [1, 2, 4])
        XCTAssertEqual(r.predict([1, 0, 30]), 3, accuracy: 1e-6)
        XCTAssertTrue(r.coefficients.allSatisfy(\.isFinite))
    }
}
