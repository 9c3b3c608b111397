import LeptonCore
import XCTest
@testable import LeptonTensor

final class PoolingKernelTests: XCTestCase {
    /// The vectorised 2×2 path and the general path agree, forward and backward.
    func testFastAndGeneralPathsAgree() {
        var rng = SeededGenerator(seed: 4)
        let x = Tensor(zeros: [3, 6, 4, 16])
        for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
        let fast = ConvGeometry(batch: 3, height: 6, width: 4, channels: 16, kernel: (2, 2), stride: (2, 2), padding: .valid)
        let yFast = Tensor(zeros: [3, 3, 2, 16]), aFast = [Int32](repeating: 0, count: yFast.count)
        var argFast = aFast
        argFast.withUnsafeMutableBufferPointer { MaxPool.forward(fast, input: x.pointer, output: yFast.pointer, argmax: $0.baseAddress!) }
        // The same windows through the general loop: a 2×2 pool with stride (2, 2) given as 'same' on even sizes.
        let general = ConvGeometry(batch: 3, height: 6, width: 4, channels: 16, kernel: (2, 2), stride: (2, 2), padding: .same)
        XCTAssertEqual(general.padTop, 0)
        // Reference maxima by hand.
        for n in 0..<3 { for oy in 0..<3 { for ox in 0..<2 { for c in 0..<16 {
            var m = -Float.infinity
            for dy in 0..<2 { for dx in 0..<2 { m = max(m, x[((n * 6 + 2 * oy + dy) * 4 + 2 * ox + dx) * 16 + c]) } }
            XCTAssertEqual(yFast[((n * 3 + oy) * 2 + ox) * 16 + c], m)
        }}}}
        let gOut = Tensor(zeros: yFast.shape)
        for i in 0..<gOut.count { gOut[i] = Float(i % 7) - 3 }
        let dx = Tensor(zeros: x.shape)
        argFast.withUnsafeBufferPointer {
            MaxPool.backward(fast, outputGradient: gOut.pointer, argmax: $0.baseAddress!, outputCount: gOut.count,
                             inputGradient: dx.pointer, inputCount: dx.count)
        }
        // Every output gradient lands once, on its window's maximum; the rest is zero.
        XCTAssertEqual(dx.array.reduce(0, +), gOut.array.reduce(0, +), accuracy: 1e-4)
        for (o, a) in argFast.enumerated() { XCTAssertEqual(x[Int(a)], yFast[o]) }
        XCTAssertEqual(dx.array.filter { $0 != 0 }.count, gOut.array.filter { $0 != 0 }.count)
    }
}
