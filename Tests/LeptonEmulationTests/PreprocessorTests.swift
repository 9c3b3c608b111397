import XCTest
@testable import LeptonEmulation
import LeptonTensor

final class PreprocessorTests: XCTestCase {
    func testBlurKeepsConstantsAndLaplacianZeroesThem() {
        let x = Tensor(zeros: [2, 7, 9, 3])
        x.fill(0.4)
        let blurred = Preprocessor([.gaussianBlur5x5(sigma: 1.1)]).apply(x)
        for i in 0..<blurred.count { XCTAssertEqual(blurred[i], 0.4, accuracy: 1e-6) }
        let edges = Preprocessor([.laplacian]).apply(x)
        for i in 0..<edges.count { XCTAssertEqual(edges[i], 0, accuracy: 1e-6) }
    }

    func testLaplacianOfAPointAndNormalisation() {
        let x = Tensor(zeros: [1, 5, 5, 1])
        x[12] = 1                                   // centre pixel
        let y = Preprocessor([.laplacian]).apply(x)
        XCTAssertEqual(y[12], -4)
        XCTAssertEqual(y[7], 1); XCTAssertEqual(y[11], 1); XCTAssertEqual(y[13], 1); XCTAssertEqual(y[17], 1)
        XCTAssertEqual(y[0], 0)
        let n = Preprocessor([.laplacian, .normalize]).apply(x)
        XCTAssertEqual(n.array.min(), 0)
        XCTAssertEqual(n.array.max(), 1)
        XCTAssertEqual(n[12], 0)
    }

    func testResizeAndAffineAndFLOPs() {
        let x = Tensor(zeros: [1, 4, 4, 1])
        for i in 0..<16 { x[i] = Float(i % 4) }
        let p = Preprocessor([.resize(height: 8, width: 8), .affine(a: 2, b: 1)])
        let y = p.apply(x)
        XCTAssertEqual(y.shape, [1, 8, 8, 1])
        XCTAssertEqual(p.outputShape([4, 4, 1]), [8, 8, 1])
        XCTAssertEqual(y[0], 1)                     // left edge: 2·0 + 1
        XCTAssertEqual(y[7], 7)                     // right edge: 2·3 + 1
        XCTAssertEqual(p.flops([4, 4, 1]), 8 * 64 + 2 * 64)
        XCTAssertEqual(Preprocessor.source001.flops([28, 28, 1]), (50 + 18) * 784)
        XCTAssertEqual(x[5], 1, "apply does not change its input")
    }
}
