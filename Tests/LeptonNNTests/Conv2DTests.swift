import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class Conv2DTests: XCTestCase {
    private func check(filters: Int, kernel: (Int, Int), stride: (Int, Int), padding: Padding,
                       activation: Activation, input: [Int], seed: UInt64) throws {
        let layer = Conv2D(filters: filters, kernelSize: kernel, strides: stride, padding: padding, activation: activation)
        try checkLayer(layer, inputShape: input, batch: 3, seed: seed) { x, p in
            let (y, _) = Reference.conv2d(x, [3] + input, kernel: p[0], bias: p[1], kh: kernel.0, kw: kernel.1,
                                          filters: filters, stride: stride, padding: padding)
            return Reference.activate(activation, y, cols: filters)
        }
    }

    func testValidStrideOneLinear() throws {
        try check(filters: 3, kernel: (3, 3), stride: (1, 1), padding: .valid, activation: .linear, input: [6, 7, 2], seed: 11)
    }

    func testSameStrideTwoReLU() throws {
        try check(filters: 4, kernel: (3, 3), stride: (2, 2), padding: .same, activation: .relu, input: [7, 6, 2], seed: 12)
    }

    func testSameEvenKernelTanh() throws {
        try check(filters: 2, kernel: (2, 4), stride: (1, 2), padding: .same, activation: .tanh, input: [5, 8, 3], seed: 13)
    }

    func testPointwiseSigmoid() throws {
        try check(filters: 5, kernel: (1, 1), stride: (1, 1), padding: .valid, activation: .sigmoid, input: [4, 4, 3], seed: 14)
    }

    /// 16 filters, stride 1, valid, few channels: the direct kernels (forward and kernel
    /// gradient without a patch matrix) that training uses for such layers.
    func testDirectKernelPathReLU() throws {
        try check(filters: 16, kernel: (3, 3), stride: (1, 1), padding: .valid, activation: .relu, input: [7, 9, 2], seed: 15)
    }

    func testDirectKernelPathLinearOneChannel() throws {
        try check(filters: 32, kernel: (3, 2), stride: (1, 1), padding: .valid, activation: .linear, input: [6, 8, 1], seed: 16)
    }

    /// 'same' padding, stride 1, few channels: the direct kernels on the zero-padded input.
    func testDirectKernelPathSamePadding() throws {
        try check(filters: 16, kernel: (5, 5), stride: (1, 1), padding: .same, activation: .relu, input: [7, 9, 2], seed: 17)
        try check(filters: 32, kernel: (2, 3), stride: (1, 1), padding: .same, activation: .linear, input: [6, 8, 1], seed: 18)
    }

    func testKernelLargerThanInputIsRejectedWithShapes() {
        let layer = Conv2D(filters: 8, kernelSize: (3, 3))
        layer.name = "conv2d_2"
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try layer.build(inputShape: [1, 1, 64], index: 4, rng: &rng)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("layer 4 'conv2d_2'"), message)
            XCTAssertTrue(message.contains("1×1×64"), message)
            XCTAssertTrue(message.contains("3×3 kernel"), message)
        }
    }

    func testSamePaddingKeepsSizeAndValidShrinks() throws {
        var rng = SeededGenerator(seed: 1)
        XCTAssertEqual(try Conv2D(filters: 4, padding: .same).build(inputShape: [28, 28, 1], index: 0, rng: &rng), [28, 28, 4])
        XCTAssertEqual(try Conv2D(filters: 4, padding: .valid).build(inputShape: [28, 28, 1], index: 0, rng: &rng), [26, 26, 4])
        XCTAssertEqual(try Conv2D(filters: 4, strides: (2, 2), padding: .same).build(inputShape: [7, 7, 1], index: 0, rng: &rng), [4, 4, 4])
    }
}
