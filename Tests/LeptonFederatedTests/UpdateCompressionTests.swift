import XCTest
@testable import LeptonFederated

final class UpdateCompressionTests: XCTestCase {
    func testInt8ErrorIsAtMostHalfAStep() {
        let original: [Float] = (0..<1000).map { sin(Float($0) * 0.37) * 0.02 }
        var d = original
        let bytes = UpdateCompression.int8.roundTrip(&d)
        XCTAssertEqual(bytes, 1004)
        let step = original.map(abs).max()! / 127
        for (a, b) in zip(original, d) { XCTAssertLessThanOrEqual(abs(a - b), step / 2 * 1.0001) }
    }

    func testTopKKeepsTheLargestMagnitudes() {
        var d: [Float] = [0.1, -5, 0.2, 3, -0.05, 4, 0, 1, -2, 0.3]
        let bytes = UpdateCompression.topK(fraction: 0.3).roundTrip(&d)
        XCTAssertEqual(bytes, 8 * 3 + 4)
        XCTAssertEqual(d, [0, -5, 0, 3, 0, 4, 0, 0, 0, 0])
    }

    func testNoneIsExact() {
        var d: [Float] = [1, -2, 3]
        XCTAssertEqual(UpdateCompression.none.roundTrip(&d), 12)
        XCTAssertEqual(d, [1, -2, 3])
    }
}
