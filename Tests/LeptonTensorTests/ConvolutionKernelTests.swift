import LeptonCore
import XCTest
@testable import LeptonTensor

final class ConvolutionKernelTests: XCTestCase {
    /// col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩, with padding and stride.
    func testCol2ImIsTheAdjointOfIm2Col() {
        var rng = SeededGenerator(seed: 2)
        let g = ConvGeometry(batch: 2, height: 7, width: 6, channels: 3, kernel: (3, 2), stride: (2, 1), padding: .same)
        let x = Tensor(zeros: [2, 7, 6, 3]), c = Tensor(zeros: [g.patchCount, g.patchSize])
        for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
        for i in 0..<c.count { c[i] = rng.uniform(-1, 1) }
        let col = Tensor(zeros: [g.patchCount, g.patchSize]), back = Tensor(zeros: x.shape)
        Im2Col.forward(g, input: x.pointer, col: col.pointer)
        Im2Col.backward(g, col: c.pointer, input: back.pointer)
        let lhs = (0..<col.count).reduce(0.0) { $0 + Double(col[$1]) * Double(c[$1]) }
        let rhs = (0..<x.count).reduce(0.0) { $0 + Double(x[$1]) * Double(back[$1]) }
        XCTAssertEqual(lhs, rhs, accuracy: 1e-4)
    }

    func testIm2ColRowsAreThePatches() {
        // One 3×3 image 1…9, 2×2 kernel, valid: four patches.
        let g = ConvGeometry(batch: 1, height: 3, width: 3, channels: 1, kernel: (2, 2), stride: (1, 1), padding: .valid)
        let x = Tensor(shape: [1, 3, 3, 1], values: (1...9).map(Float.init))
        let col = Tensor(zeros: [4, 4])
        Im2Col.forward(g, input: x.pointer, col: col.pointer)
        XCTAssertEqual(col.array, [1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9])
    }

    func testResultsDoNotDependOnThreadCount() {
        var rng = SeededGenerator(seed: 3)
        let g = ConvGeometry(batch: 64, height: 28, width: 28, channels: 1, kernel: (3, 3), stride: (1, 1), padding: .valid)
        let x = Tensor(zeros: [64, 28, 28, 1])
        for i in 0..<x.count { x[i] = rng.uniform(0, 1) }
        var outputs: [[Float]] = []
        for threads in [1, 2] {
            ComputeThreads.set(threads)
            let col = Tensor(zeros: [g.patchCount, g.patchSize])
            Im2Col.forward(g, input: x.pointer, col: col.pointer)
            outputs.append(col.array)
        }
        XCTAssertEqual(outputs[0], outputs[1])
    }
}
