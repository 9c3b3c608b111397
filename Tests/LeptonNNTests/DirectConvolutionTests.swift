import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

/// The inference kernels (direct convolution, fused convolution + 2×2 max-pool) against
/// the Double reference and against the training path (im2col + GEMM).
final class DirectConvolutionTests: XCTestCase {
    private func randomInput(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let n = shape.reduce(1, *)
        return Tensor(shape: shape, values: (0..<n).map { _ in rng.uniform(-1, 1) })
    }

    /// conv (direct, inference) equals the Double reference, for shapes whose width is not
    /// a multiple of 4 and for 1, 3 and 32 input channels.
    func testDirectConvolutionMatchesReference() throws {
        for (input, filters, relu) in [([9, 11, 1], 16, true), ([7, 6, 3], 32, false), ([6, 8, 8], 48, true),
                                       ([13, 13, 32], 64, true), ([6, 7, 20], 16, false), ([5, 5, 64], 32, true)] {
            let activation: Activation = relu ? .relu : .linear
            let model = try Sequential([Conv2D(filters: filters, activation: activation)]).build(inputShape: input, seed: 5)
            let conv = try XCTUnwrap(model.layers[0] as? Conv2D)
            var rng = SeededGenerator(seed: 9)
            conv.bias.value.pointer.update(from: (0..<filters).map { _ in rng.uniform(-0.5, 0.5) }, count: filters)
            let x = randomInput([2] + input, seed: 7)
            let g = ConvGeometry(batch: 2, height: input[0], width: input[1], channels: input[2], kernel: (3, 3),
                                 stride: (1, 1), padding: .valid)
            XCTAssertTrue(DirectConvolution.supports(g, filters: filters, pooled: false))
            let y = model.forward(x, training: false).array
            let (ref, _) = Reference.conv2d(x.array.map(Double.init), [2] + input, kernel: conv.kernel.value.array.map(Double.init),
                                            bias: conv.bias.value.array.map(Double.init), kh: 3, kw: 3, filters: filters,
                                            stride: (1, 1), padding: .valid)
            let expected = Reference.activate(activation, ref, cols: filters)
            XCTAssertEqual(y.count, expected.count)
            for (i, (a, b)) in zip(y, expected).enumerated() {
                XCTAssertEqual(Double(a), b, accuracy: 1e-4, "\(input) → \(filters) at \(i)")
            }
        }
    }

    /// Conv2D → MaxPool2D runs fused at inference and gives exactly what the two layers
    /// give one after the other, and within rounding what training's forward pass gives.
    func testFusedConvolutionAndPoolMatchesLayerByLayer() throws {
        // The last two are conv3's second and third convolutions (32 and 64 channels; a 3×3
        // output whose pool reads only 2×2 of it).
        for (input, filters) in [([28, 28, 1], 32), ([9, 11, 3], 32), ([7, 10, 8], 32), ([13, 13, 32], 64), ([5, 5, 64], 128)] {
            let model = try Sequential([Conv2D(filters: filters, activation: .relu), MaxPool2D(), Flatten(),
                                        Dense(units: 10, activation: .softmax)]).build(inputShape: input, seed: 3)
            let x = randomInput([3] + input, seed: 4)
            let fused = model.forward(x, training: false).array
            var layered = x
            for layer in model.layers { layered = layer.forward(layered, training: false) }
            XCTAssertEqual(fused.map(\.bitPattern), layered.array.map(\.bitPattern), "\(input)")
            let trained = model.forward(x, training: true).array
            for (a, b) in zip(fused, trained) { XCTAssertEqual(a, b, accuracy: 1e-5, "\(input)") }
        }
    }

    /// Shapes the direct kernel does not handle keep the im2col path (and stay correct).
    func testUnsupportedShapesAreRefused() {
        let same = ConvGeometry(batch: 1, height: 8, width: 8, channels: 1, kernel: (3, 3), stride: (1, 1), padding: .same)
        XCTAssertFalse(DirectConvolution.supports(same, filters: 16, pooled: false))
        let strided = ConvGeometry(batch: 1, height: 8, width: 8, channels: 1, kernel: (3, 3), stride: (2, 2), padding: .valid)
        XCTAssertTrue(DirectConvolution.supports(strided, filters: 16, pooled: false))
        XCTAssertFalse(DirectConvolution.supports(strided, filters: 16, pooled: true))
        let valid = ConvGeometry(batch: 1, height: 8, width: 8, channels: 1, kernel: (3, 3), stride: (1, 1), padding: .valid)
        XCTAssertFalse(DirectConvolution.supports(valid, filters: 12, pooled: false))
        XCTAssertTrue(DirectConvolution.supports(valid, filters: 16, pooled: true))
        // Any channel count and narrow outputs, in training as in inference; the input gradient
        // needs a multiple of 16 channels and stride 1 (padding allowed).
        let deep = ConvGeometry(batch: 1, height: 8, width: 8, channels: 32, kernel: (3, 3), stride: (1, 1), padding: .valid)
        XCTAssertTrue(DirectConvolution.supports(deep, filters: 16, pooled: false))
        let narrow = ConvGeometry(batch: 1, height: 8, width: 5, channels: 1, kernel: (3, 3), stride: (1, 1), padding: .valid)
        XCTAssertTrue(DirectConvolution.supports(narrow, filters: 16, pooled: false))
        XCTAssertTrue(DirectConvolution.supportsInputGradient(deep))
        XCTAssertFalse(DirectConvolution.supportsInputGradient(narrow))
        XCTAssertTrue(DirectConvolution.supportsInputGradient(
            ConvGeometry(batch: 1, height: 8, width: 8, channels: 16, kernel: (5, 5), stride: (1, 1), padding: .same)))
        XCTAssertFalse(DirectConvolution.supportsInputGradient(
            ConvGeometry(batch: 1, height: 8, width: 8, channels: 16, kernel: (3, 3), stride: (2, 2), padding: .same)))
    }

    /// A one-sample Dense forward (a matrix-vector product) matches the batched product.
    func testSingleSampleDenseMatchesBatched() throws {
        let model = try Sequential([Dense(units: 24, activation: .relu)]).build(inputShape: [100], seed: 2)
        let x = randomInput([2, 100], seed: 3)
        let batched = model.forward(x, training: false).copy().array
        let first = Tensor(shape: [1, 100], values: Array(x.array[0..<100]))
        let one = model.forward(first, training: false).array
        for (a, b) in zip(one, batched[0..<24]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    /// At inference a filter count that is not a multiple of 16 runs on the direct kernels
    /// with zero filters added (LeNet-5's 6, and 24): the same bits as training's im2col +
    /// GEMM pass, alone and fused with its pool, and after the weights change (no stale copy).
    func testWidenedFiltersAtInferenceMatchTrainingBitForBit() throws {
        // LeNet-5's first layer and a wide odd one-channel image with 10 filters run on the narrow
        // kernel at inference (pixels in the vector lanes; 16-lane build from 32 outputs a row).
        for (input, filters, size, padding) in [([28, 28, 1], 6, 5, Padding.valid), ([9, 10, 8], 24, 3, .same),
                                                ([11, 37, 1], 10, 3, .same)] {
            let conv = Conv2D(filters: filters, kernelSize: (size, size), padding: padding, activation: .relu)
            let pool = MaxPool2D()
            _ = try Sequential([conv, pool]).build(inputShape: input, seed: 31)
            let x = randomInput([3] + input, seed: 32)
            for round in 0..<2 {
                if round == 1 { conv.kernel.value.pointer[0] += 0.25; conv.bias.value.pointer[filters - 1] = 0.125 }
                let trained = conv.forward(x, training: true).copy()
                let inferred = conv.forward(x, training: false).array.map(\.bitPattern)
                XCTAssertEqual(inferred, trained.array.map(\.bitPattern), "\(filters) filters, round \(round)")
                let pooled = pool.forward(trained, training: false).array.map(\.bitPattern)
                let fused = try XCTUnwrap(conv.inferencePooled(x, by: pool), "\(filters) filters should fuse at inference")
                XCTAssertEqual(fused.array.map(\.bitPattern), pooled, "\(filters) filters fused, round \(round)")
            }
        }
    }

    /// A batch of one at inference splits its convolutions' output rows (pooled and not) and
    /// its Dense layers' columns between two threads: the bits are those of one thread and
    /// of the same sample inside a larger batch (which runs unsplit), for every model shape
    /// of the suite whose layers take those paths.
    func testBatchOfOneAcrossThreadsMatchesOneThreadBitForBit() throws {
        defer { ComputeThreads.set(2) }
        for name in ["tf-tutorial", "same3", "conv3"] {
            let model = try ModelZoo.make(name, inputShape: [28, 28, 1], classes: 10, seed: 21)
            let batch = randomInput([3, 28, 28, 1], seed: 22)
            let first = Tensor(shape: [1, 28, 28, 1], values: Array(batch.array[0..<784]))
            var outputs: [[UInt32]] = []
            for threads in [1, 2] {
                ComputeThreads.set(threads)
                outputs.append(model.forward(first, training: false).array.map(\.bitPattern))
            }
            let batched = model.forward(batch, training: false).array.map(\.bitPattern)
            XCTAssertEqual(outputs[1], outputs[0], "\(name): two threads vs one")
            XCTAssertEqual(outputs[0], Array(batched[0..<10]), "\(name): batch of one vs the same sample in a batch of 3")
        }
    }

    /// One image split between two threads — by filters (64 or 128 filters, halves of whole
    /// 32-filter blocks, on an odd number of rows) or by output rows — writes every output,
    /// each with the bits of one unsplit pass, pooled or not, strided or not, in every build.
    func testSplitOfOneImageMatchesOnePassBitForBit() {
        defer { ComputeThreads.set(2) }
        // by filters: same3's third (3 pooled rows) and second (7) layers, conv3's second (5) and
        // third (1), 3 rows unpooled; by rows: stride2's second, 96 and 48 filters, 10 rows
        let cases: [(h: Int, w: Int, c: Int, filters: Int, stride: Int, pooled: Bool)] = [
            (9, 9, 64, 128, 1, true), (13, 13, 32, 64, 1, true), (5, 5, 64, 128, 1, true), (5, 5, 64, 128, 1, false),
            (16, 16, 32, 64, 1, true), (15, 15, 32, 64, 2, false), (9, 9, 64, 96, 1, true), (16, 16, 32, 48, 1, false),
            (12, 10, 16, 64, 1, false)]
        for build in KernelBuild.supported { KernelBuild.capped(at: build) {
            for (i, t) in cases.enumerated() {
                let g = ConvGeometry(batch: 1, height: t.h, width: t.w, channels: t.c, kernel: (3, 3),
                                     stride: (t.stride, t.stride), padding: .valid)
                XCTAssertTrue(DirectConvolution.supports(g, filters: t.filters, pooled: t.pooled), "case \(i)")
                let x = randomInput([t.h, t.w, t.c], seed: UInt64(30 + i)).array
                let k = randomInput([9 * t.c, t.filters], seed: UInt64(50 + i)).array.map { $0 * 0.1 }
                let b = randomInput([t.filters], seed: UInt64(70 + i)).array
                let outputs = (t.pooled ? g.outHeight / 2 * (g.outWidth / 2) : g.outHeight * g.outWidth) * t.filters
                var results: [[UInt32]] = []
                for threads in [1, 2] {
                    ComputeThreads.set(threads)
                    var y = [Float](repeating: .nan, count: outputs)
                    y.withUnsafeMutableBufferPointer { yp in
                        DirectConvolution.forwardAcrossThreads(g, input: x, kernel: k, bias: b, filters: t.filters,
                                                               relu: i % 2 == 0, pooled: t.pooled, output: yp.baseAddress!)
                    }
                    XCTAssertFalse(y.contains { $0.isNaN }, "\(build) case \(i), \(threads) threads: an output not written")
                    results.append(y.map(\.bitPattern))
                }
                XCTAssertEqual(results[1], results[0], "\(build) case \(i): two threads vs one")
            }
        } }
    }

    /// Training through the direct kernels (16 filters, one channel) gives the same weights,
    /// bit for bit, at one and at two threads.
    func testDirectPathWeightsDoNotDependOnTheThreadCount() throws {
        var weights: [[UInt32]] = []
        for threads in [1, 2] {
            ComputeThreads.set(threads)
            let model = try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(),
                                        Dense(units: 16, activation: .relu), Dense(units: 3, activation: .softmax)])
                .build(inputShape: [6, 6, 1], seed: 8)
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
            _ = try trainer.fit(barImages(count: 256, seed: 3), configuration: TrainingConfiguration(epochs: 2, batchSize: 32, seed: 8))
            weights.append(model.parameters.flatMap { $0.value.array.map(\.bitPattern) })
        }
        ComputeThreads.set(2)
        XCTAssertEqual(weights[0], weights[1])
    }

    /// One training step of Conv2D → MaxPool2D fused (``Conv2D/trainingPooled(_:by:)``) gives
    /// the same output, kernel, bias and input gradients, bit for bit, as the two layers
    /// run one after the other — for odd sizes (a row and column outside every window),
    /// 1, 3, 8, 16, 32 and 64 channels, 16 to 64 filters, ReLU and linear, first layer or not —
    /// and the AVX-512 and 8-lane builds of the kernels agree bit for bit.
    func testFusedTrainingPassMatchesLayerByLayerBitForBit() throws {
        let cases: [([Int], Int, Activation, Int, Padding)] = [
            ([28, 28, 1], 32, .relu, 3, .valid), ([9, 11, 3], 16, .relu, 3, .valid), ([7, 10, 8], 48, .linear, 3, .valid),
            ([8, 9, 1], 64, .relu, 3, .valid), ([28, 28, 1], 32, .relu, 5, .same), ([9, 11, 3], 16, .relu, 3, .same),
            ([14, 14, 32], 64, .relu, 5, .same), ([7, 7, 64], 32, .relu, 3, .valid), ([9, 10, 16], 16, .linear, 3, .same),
        ]
        for (input, filters, activation, size, padding) in cases {
            var runs: [[[UInt32]]] = []
            for (fused, portable) in [(false, false), (true, false), (true, true)] {
                KernelBuild.cap = portable ? .fma8 : nil
                defer { KernelBuild.cap = nil }
                let conv = Conv2D(filters: filters, kernelSize: (size, size), padding: padding, activation: activation)
                let pool = MaxPool2D()
                let model = try Sequential([conv, pool]).build(inputShape: input, seed: 11)
                var rng = SeededGenerator(seed: 12)
                conv.bias.value.pointer.update(from: (0..<filters).map { _ in rng.uniform(-0.3, 0.3) }, count: filters)
                let x = randomInput([4] + input, seed: 13)
                let y: Tensor
                if fused {
                    y = try XCTUnwrap(conv.trainingPooled(x, by: pool), "\(input) should fuse")
                } else {
                    y = pool.forward(conv.forward(x, training: true), training: true)
                }
                let out = y.copy().array.map(\.bitPattern)
                let dy = randomInput(y.shape, seed: 14)
                // As the first layer (no input gradient) and as a later one (input gradient).
                _ = fused ? conv.backward(dy, inputGradient: false, skipActivation: false)
                    : conv.backward(try XCTUnwrap(pool.backward(dy, inputGradient: true)),
                                    inputGradient: false, skipActivation: false)
                let dw = conv.kernel.gradient.array.map(\.bitPattern), db = conv.bias.gradient.array.map(\.bitPattern)
                if fused { _ = conv.trainingPooled(x, by: pool) } else { _ = pool.forward(conv.forward(x, training: true), training: true) }
                let dx = fused ? conv.backward(dy, inputGradient: true, skipActivation: false)
                    : conv.backward(try XCTUnwrap(pool.backward(dy, inputGradient: true)),
                                    inputGradient: true, skipActivation: false)
                runs.append([out, dw, db, try XCTUnwrap(dx).array.map(\.bitPattern),
                             conv.kernel.gradient.array.map(\.bitPattern)])
                _ = model
            }
            let what = ["output", "kernel gradient", "bias gradient", "input gradient", "kernel gradient (not first)"]
            for k in what.indices {
                XCTAssertEqual(runs[1][k], runs[0][k], "\(input) \(filters) \(activation) \(padding): fused \(what[k])")
                XCTAssertEqual(runs[2][k], runs[1][k], "\(input) \(filters) \(activation) \(padding): 8-lane \(what[k])")
            }
        }
    }

    /// A Sequential training pass runs the pair fused and back-propagates the pooled gradient
    /// into the convolution: output and gradients match the layers run one by one (which the
    /// per-layer finite-difference checks cover), bit for bit.
    func testSequentialTrainingUsesTheFusedStep() throws {
        let model = try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(),
                                    Dense(units: 4, activation: .softmax)]).build(inputShape: [6, 7, 1], seed: 21)
        let conv = try XCTUnwrap(model.layers[0] as? Conv2D)
        let x = randomInput([2, 6, 7, 1], seed: 22)
        let y = model.forward(x, training: true)
        XCTAssertEqual(y.shape, [2, 4])
        let layered = try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(),
                                      Dense(units: 4, activation: .softmax)]).build(inputShape: [6, 7, 1], seed: 21)
        var h = x
        for layer in layered.layers { h = layer.forward(h, training: true) }
        XCTAssertEqual(y.array.map(\.bitPattern), h.array.map(\.bitPattern))
        let g = randomInput([2, 4], seed: 23)
        var d = g.copy()            // backward works on its gradient in place
        model.backward(g)
        for i in stride(from: layered.layers.count - 1, through: 0, by: -1) {
            guard let next = layered.layers[i].backward(d, inputGradient: i > 0) else { break }
            d = next
        }
        let layeredConv = try XCTUnwrap(layered.layers[0] as? Conv2D)
        XCTAssertEqual(conv.kernel.gradient.array.map(\.bitPattern), layeredConv.kernel.gradient.array.map(\.bitPattern))
        XCTAssertEqual(conv.bias.gradient.array.map(\.bitPattern), layeredConv.bias.gradient.array.map(\.bitPattern))
    }
}
