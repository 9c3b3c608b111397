import Foundation
import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

/// Average pooling (Keras's AveragePooling2D): hand-computed windows, a finite-difference
/// gradient check, saving and loading a model that uses it, and bad configurations.
final class AvgPool2DTests: XCTestCase {
    /// Keras's 'same' average: the mean over the elements inside the image only.
    static func reference(_ x: [Double], _ shape: [Int], pool: (Int, Int), stride: (Int, Int), padding: Padding) -> [Double] {
        let (n, h, wd, c) = (shape[0], shape[1], shape[2], shape[3])
        let oy = padding.output(input: h, window: pool.0, stride: stride.0)
        let ox = padding.output(input: wd, window: pool.1, stride: stride.1)
        var out = [Double](repeating: 0, count: n * oy.size * ox.size * c)
        for b in 0..<n { for i in 0..<oy.size { for j in 0..<ox.size { for ch in 0..<c {
            var sum = 0.0, count = 0.0
            for u in 0..<pool.0 { for v in 0..<pool.1 {
                let y = i * stride.0 - oy.padBefore + u, xx = j * stride.1 - ox.padBefore + v
                guard y >= 0, y < h, xx >= 0, xx < wd else { continue }
                sum += x[((b * h + y) * wd + xx) * c + ch]
                count += 1
            }}
            out[((b * oy.size + i) * ox.size + j) * c + ch] = sum / count
        }}}}
        return out
    }

    private func forward(_ layer: AvgPool2D, _ shape: [Int], _ values: [Float]) throws -> Tensor {
        var rng = SeededGenerator(seed: 1)
        _ = try layer.build(inputShape: Array(shape.dropFirst()), index: 0, rng: &rng)
        return layer.forward(Tensor(shape: shape, values: values), training: false)
    }

    func testValidTwoByTwoAveragesEachWindow() throws {
        // One 4×4 image, one channel: 1…16 row by row.
        let y = try forward(AvgPool2D(), [1, 4, 4, 1], (1...16).map(Float.init))
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        XCTAssertEqual(y.array, [3.5, 5.5, 11.5, 13.5])   // (1+2+5+6)/4, (3+4+7+8)/4, …
    }

    func testSamePaddingAveragesOnlyTheElementsInsideTheImage() throws {
        // One 3×3 image, two channels: 1…9 and 10…90; 2×2 'same' pads one row and column after.
        let values = (1...9).flatMap { [Float($0), Float(10 * $0)] }
        let y = try forward(AvgPool2D(poolSize: (2, 2), padding: .same), [1, 3, 3, 2], values)
        XCTAssertEqual(y.shape, [1, 2, 2, 2])
        // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1 — not divided by 4 where the window leaves the image.
        XCTAssertEqual(y.array, [3, 30, 4.5, 45, 7.5, 75, 9, 90])
    }

    /// The 2×2 stride-2 pool with every window inside the image (a shortcut past the general
    /// loop) keeps the general loop's bits: from +0, top row then bottom row, left to right,
    /// then ÷ 4 — for 6 channels (LeNet-5), 16, and 3, on odd sizes (a row and column unread).
    func testTwoByTwoShortcutKeepsTheGeneralOrder() throws {
        for (h, w, c) in [(9, 7, 6), (8, 8, 16), (5, 11, 3)] {
            var rng = SeededGenerator(seed: UInt64(h * w * c))
            let values = (0..<(2 * h * w * c)).map { _ in rng.uniform(-1, 1) }
            let y = try forward(AvgPool2D(), [2, h, w, c], values)
            var want: [Float] = []
            for n in 0..<2 { for i in 0..<h / 2 { for j in 0..<w / 2 { for ch in 0..<c {
                var sum: Float = 0
                for u in 0..<2 { for v in 0..<2 { sum += values[((n * h + 2 * i + u) * w + 2 * j + v) * c + ch] } }
                want.append(sum / 4)
            }}}}
            XCTAssertEqual(y.array.map(\.bitPattern), want.map(\.bitPattern), "\(h)×\(w)×\(c)")
        }
    }

    func testTwoByTwoValidGradient() throws {
        try checkLayer(AvgPool2D(poolSize: (2, 2)), inputShape: [6, 5, 3], batch: 2, seed: 31) { x, _ in
            Self.reference(x, [2, 6, 5, 3], pool: (2, 2), stride: (2, 2), padding: .valid)
        }
    }

    /// Overlapping windows (stride 2 under a 3×3 pool) with 'same' padding: each input
    /// collects the gradient of every window it is in, divided by that window's count.
    func testThreeByThreeStrideTwoSameGradient() throws {
        try checkLayer(AvgPool2D(poolSize: (3, 3), strides: (2, 2), padding: .same), inputShape: [7, 6, 2],
                       batch: 3, seed: 32) { x, _ in
            Self.reference(x, [3, 7, 6, 2], pool: (3, 3), stride: (2, 2), padding: .same)
        }
    }

    func testConfigurationFLOPsAndCopy() throws {
        let layer = AvgPool2D(poolSize: (3, 2), strides: (1, 2), padding: .same)
        XCTAssertEqual(layer.kind, "average_pooling2d")
        XCTAssertEqual(layer.configuration, ["pool_size": "3x2", "strides": "1x2", "padding": "same"])
        var rng = SeededGenerator(seed: 1)
        XCTAssertEqual(try layer.build(inputShape: [5, 6, 4], index: 0, rng: &rng), [5, 3, 4])
        XCTAssertEqual(layer.forwardFLOPs, 5 * 3 * 4 * (3 * 2 + 1))
        let copy = try XCTUnwrap(layer.copy() as? AvgPool2D)
        XCTAssertEqual(copy.configuration, layer.configuration)
    }

    func testBadPoolSizeOrStrideIsRefusedNamingTheLayerAndValue() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try AvgPool2D(poolSize: (0, 2)).build(inputShape: [8, 8, 1], index: 2, rng: &rng)) { error in
            XCTAssertEqual(String(describing: error),
                           "average_pooling2d pool size/strides = 0×2/0×2 is not allowed; expected positive integers")
        }
        XCTAssertThrowsError(try AvgPool2D(poolSize: (2, 2), strides: (2, -1)).build(inputShape: [8, 8, 1], index: 2, rng: &rng)) { error in
            XCTAssertTrue(String(describing: error).contains("2×2/2×-1 is not allowed"), "\(error)")
        }
        XCTAssertThrowsError(try AvgPool2D(poolSize: (3, 3)).build(inputShape: [2, 2, 8], index: 3, rng: &rng)) { error in
            XCTAssertTrue(String(describing: error).contains("layer 3 'average_pooling2d'"), "\(error)")
            XCTAssertTrue(String(describing: error).contains("3×3 pool is larger than the 2×2 input"), "\(error)")
        }
    }

    /// The zoo's LeNet-5 (average pooling between its convolutions) saved with
    /// `lepton train --save`'s format and rebuilt from the file predicts the same bits.
    func testLeNet5SavesAndLoadsWithTheSamePredictions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-avgpool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try ModelZoo.make("lenet5", inputShape: [28, 28, 1], classes: 10, seed: 7)
        XCTAssertEqual(a.layers.map(\.kind), ["conv2d", "average_pooling2d", "conv2d", "average_pooling2d", "flatten",
                                              "dense", "dense", "dense"])
        XCTAssertEqual(a.parameterCount, 156 + 2416 + 30840 + 10164 + 850, "the same parameters as PyTorch's and Keras's lenet5")
        let url = dir.appendingPathComponent("lenet5.safetensors")
        try Safetensors.save(a, to: url, metadata: ["model": "lenet5", "input_shape": "28,28,1"])
        let loaded = try SavedModel(contentsOf: url)
        XCTAssertEqual(loaded.name, "lenet5")
        XCTAssertEqual(loaded.classes, 10)
        XCTAssertEqual(loaded.model.layers.map(\.summary), a.layers.map(\.summary))
        let x = Tensor(shape: [3, 28, 28, 1], values: (0..<(3 * 784)).map { Float(($0 * 29) % 97) / 96 })
        XCTAssertEqual(loaded.model.forward(x, training: false).array, a.forward(x, training: false).array)
    }
}
