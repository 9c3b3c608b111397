import XCTest
@testable import LeptonNN
import LeptonTensor

final class SequentialTests: XCTestCase {
    /// The whole seed-cnn (conv → pool → flatten → dense → dense softmax) with the fused
    /// softmax cross-entropy: every parameter's gradient against central differences of
    /// the Double reference chain.
    func testSeedCNNGradientThroughFusedLoss() throws {
        let batch = 4, classes = 10
        let model = try ModelZoo.make("seed-cnn", inputShape: [8, 8, 1], classes: classes, seed: 7)
        var values = TestValues(seed: 8)
        let x = values.doubles(batch * 64, 0, 1)
        var y = [Double](repeating: 0, count: batch * classes)
        for r in 0..<batch { y[r * classes + values.rng.index(below: classes)] = 1 }
        for p in model.parameters where p.shape.count == 1 {
            for i in 0..<p.count { p.value.pointer[i] = Float(values.doubles(1, -0.1, 0.1)[0]) }
        }
        let params = model.parameters.map(\.value.doubles)
        func referenceLoss(_ ps: [[Double]]) -> Double {
            let (c, cs) = Reference.conv2d(x, [batch, 8, 8, 1], kernel: ps[0], bias: ps[1], kh: 3, kw: 3, filters: 32,
                                           stride: (1, 1), padding: .valid)
            let (pool, _) = Reference.maxPool(Reference.activate(.relu, c, cols: 32), cs, pool: (2, 2), stride: (2, 2), padding: .valid)
            let h = Reference.activate(.relu, Reference.dense(pool, rows: batch, inputs: 288, kernel: ps[2], bias: ps[3], units: 64), cols: 64)
            let p = Reference.activate(.softmax, Reference.dense(h, rows: batch, inputs: 64, kernel: ps[4], bias: ps[5], units: classes),
                                       cols: classes)
            return Reference.loss(.categoricalCrossEntropy, p, y, rows: batch)
        }
        let out = model.forward(Tensor(doubles: x, shape: [batch, 8, 8, 1]), training: true)
        let g = Tensor(zeros: out.shape)
        for i in 0..<out.count { g[i] = (out[i] - Float(y[i])) / Float(batch) }
        model.backward(g, skipOutputActivation: true)
        for (pi, p) in model.parameters.enumerated() {
            let idx = values.sample(p.count, 25)
            let numeric = Reference.numericGradient(params[pi], indices: idx) { v in
                var ps = params
                ps[pi] = v
                return referenceLoss(ps)
            }
            for (k, i) in idx.enumerated() {
                XCTAssertLessThan(relativeError(Double(p.gradient[i]), numeric[k]), 2e-3,
                                  "\(p.name)[\(i)]: \(p.gradient[i]) vs \(numeric[k])")
            }
        }
    }

    func testKerasNamesAndParameterCount() throws {
        let model = try ModelZoo.make("seed-cnn", inputShape: [28, 28, 1], classes: 10, seed: 1)
        XCTAssertEqual(model.layers.map(\.name), ["conv2d", "max_pooling2d", "flatten", "dense", "dense_1"])
        // Keras reports 347,146 parameters for this model.
        XCTAssertEqual(model.parameterCount, 320 + 5408 * 64 + 64 + 650)
        XCTAssertEqual(model.layerOutputShapes, [[26, 26, 32], [13, 13, 32], [5408], [64], [10]])
    }

    func testConv3DoesNotFitEightByEightAndSaysWhere() {
        XCTAssertThrowsError(try ModelZoo.make("conv3", inputShape: [8, 8, 1], classes: 10, seed: 1)) { error in
            guard case let NNError.layerShape(index, layer, input, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(index, 3)
            XCTAssertEqual(layer, "max_pooling2d_1")
            XCTAssertEqual(input, [1, 1, 64])
        }
    }

    func testUnknownModelListsKnownOnes() {
        XCTAssertThrowsError(try ModelZoo.make("resnet", inputShape: [8, 8, 1], classes: 10, seed: 1)) { error in
            XCTAssertEqual(String(describing: error), "unknown model 'resnet'; known models: seed-cnn, conv3, mlp, tf-tutorial, mlp-256-128, stride2, lenet5, same3, sensor-regressor")
        }
    }
}
