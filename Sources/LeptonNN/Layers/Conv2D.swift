import LeptonCore
import LeptonTensor

/// A 2-D convolution over NHWC images: y = act(im2col(x) · W + b).
///
/// The kernel is stored HWIO ([kh, kw, in, filters], Keras's layout). With ReLU or no
/// activation:
/// - a 5×5 convolution at stride 1 with a multiple of 16 input channels and of 16 filters
///   runs by Winograd's F(2×2, 5×5) (``WinogradConvolution``: forward — fused with a
///   following 2×2 max-pool —, kernel gradient and input gradient); its sums run in another
///   order, so its bits are its own (the same on every CPU);
/// - other convolutions with a multiple of 16 filters run on the direct kernels
///   (``DirectConvolution``: forward — fused with a following 2×2 max-pool at stride 1 —,
///   kernel gradient and, at stride 1 with a multiple of 16 input channels, input gradient;
///   no patch matrix), with the bits of im2col + GEMM.
/// The others compute one GEMM of the im2col patch matrix with the kernel. The choice
/// depends only on the layer's shape: training and inference take the same path.
/// Initialisation: Glorot uniform kernel (fans kh·kw·in and kh·kw·filters), zero bias.
public final class Conv2D: ActivatedLayer {
    public let kind = "conv2d"
    public var name = "conv2d"
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let activation: Activation
    public let kernelInitializer: Initializer
    /// The kernel, [kh, kw, in, filters].
    public private(set) var kernel = TrainableParameter(name: "kernel", shape: [0])
    /// The bias, [filters].
    public private(set) var bias = TrainableParameter(name: "bias", shape: [0])

    private var inputShape: [Int] = []
    private var col: Tensor?
    private var output: Tensor?
    private var colGradient: Tensor?
    private var inputGrad: Tensor?
    private var lastInput: Tensor?
    private var geometry: ConvGeometry?
    private var pooledOutput: Tensor?
    /// After a training pass fused with its max-pool (``trainingPooled(_:by:)``): one byte
    /// per pooled output, the window position of the maximum or 255 where ReLU zeroed it.
    private var poolCodes: [UInt8] = []
    private var pooledForward = false
    /// Whether the last training pass ran ``WinogradConvolution`` (so does the backward pass).
    private var winogradPass = false
    /// The direct kernels' geometry of the last training pass that ran them (a padded
    /// convolution runs as the valid one of its zero-padded input), and that input.
    private var directGeometry: ConvGeometry?
    private var padded: Tensor?
    /// At inference, a filter count that is not a multiple of 16 runs on the direct kernels
    /// with zero filters added: the widened kernel, bias and output.
    private var wideKernel: Tensor?, wideBias: Tensor?, wideOutput: Tensor?
    /// At inference, the Winograd transform of the kernel, kept while the kernel's bits do not
    /// change (training passes transform it anew: their weights change every step).
    private let keptTransform = WinogradConvolution.TransformedKernel()

    /// A convolution with `filters` output channels.
    public init(filters: Int, kernelSize: (Int, Int) = (3, 3), strides: (Int, Int) = (1, 1),
                padding: Padding = .valid, activation: Activation = .linear,
                kernelInitializer: Initializer = .glorotUniform) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.kernelInitializer = kernelInitializer
    }

    public var summary: String {
        "Conv2D \(filters) \(kernelSize.0)×\(kernelSize.1)"
            + (strides == (1, 1) ? "" : " stride \(strides.0)×\(strides.1)")
            + " \(padding.rawValue)" + (activation == .linear ? "" : " \(activation.rawValue)")
    }

    public var parameters: [TrainableParameter] { [kernel, bias] }

    public var configuration: [String: String] {
        ["filters": "\(filters)", "kernel_size": "\(kernelSize.0)x\(kernelSize.1)",
         "strides": "\(strides.0)x\(strides.1)", "padding": padding.rawValue,
         "activation": activation.rawValue]
    }

    public private(set) var forwardFLOPs = 0

    public func copy() -> Layer {
        Conv2D(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding,
               activation: activation, kernelInitializer: kernelInitializer)
    }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        guard filters > 0, kernelSize.0 > 0, kernelSize.1 > 0, strides.0 > 0, strides.1 > 0 else {
            throw .invalidValue(name: "\(name) filters/kernel/strides",
                                value: "\(filters)/\(kernelSize)/\(strides)", allowed: "positive integers")
        }
        let g = try ConvGeometry.checked(inputShape, window: kernelSize, stride: strides, padding: padding,
                                         layer: name, index: index, type: "Conv2D", windowName: "kernel",
                                         tooLargeHint: "Use padding 'same', a larger input, or fewer pooling layers before it.")
        self.inputShape = inputShape
        let c = inputShape[2]
        kernel = TrainableParameter(name: "\(name).kernel", shape: [kernelSize.0, kernelSize.1, c, filters])
        bias = TrainableParameter(name: "\(name).bias", shape: [filters])
        let area = kernelSize.0 * kernelSize.1
        kernelInitializer.fill(kernel.value, fanIn: area * c, fanOut: area * filters, rng: &rng)
        bias.value.fill(0)
        forwardFLOPs = 2 * g.outHeight * g.outWidth * g.patchSize * filters
        return [g.outHeight, g.outWidth, filters]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let n = input.batch
        precondition(Array(input.shape.dropFirst()) == inputShape,
                     "\(name): input \(input.shape) does not match built shape \(inputShape)")
        let g = ConvGeometry(batch: n, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: kernelSize, stride: strides, padding: padding)
        let out = Tensor.reuse(output, shape: [n, g.outHeight, g.outWidth, filters])
        output = out
        pooledForward = false
        directGeometry = nil
        winogradPass = false
        if usesWinograd(g) {
            col = nil
            geometry = training ? g : nil
            lastInput = input
            winogradPass = training
            WinogradConvolution.forwardAcrossThreads(g, input: input.pointer, kernel: kernel.value.pointer,
                                                     bias: bias.value.pointer, filters: filters,
                                                     relu: activation == .relu, pooled: false, output: out.pointer,
                                                     kept: training ? nil : keptTransform)
            return out
        }
        if let (gd, x) = directOperands(g, input, pooled: false, widen: !training) {     // no patch matrix
            col = nil
            geometry = training ? g : nil      // no backward after an inference pass
            lastInput = input
            directGeometry = training ? gd : nil
            runDirect(gd, x, pooled: false, into: out)
            return out
        }
        geometry = g
        lastInput = input
        let k = g.patchSize
        let a: UnsafePointer<Float>
        if kernelSize == (1, 1), strides == (1, 1) {
            a = UnsafePointer(input.pointer)     // a 1×1 convolution needs no patch matrix
        } else {
            let c = Tensor.reuse(col, shape: [g.patchCount, k])
            col = c
            Im2Col.forward(g, input: input.pointer, col: c.pointer)
            a = UnsafePointer(c.pointer)
        }
        GEMM.multiply(.none, .none, m: g.patchCount, n: filters, k: k,
                      a: a, aCount: g.patchCount * k, lda: k,
                      b: kernel.value.pointer, bCount: kernel.count, ldb: filters,
                      c: out.pointer, cCount: out.count, ldc: filters)
        activation.forward(out.pointer, rows: g.patchCount, cols: filters, addingBias: bias.value.pointer)
        return out
    }

    /// The algorithm a training pass of this built layer runs: "Winograd F(2×2, 5×5)", "direct"
    /// or "im2col + GEMM" (a property of its shape and activation, never of the batch).
    public var algorithm: String {
        guard inputShape.count == 3 else { return "not built" }
        let g = ConvGeometry(batch: 1, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: kernelSize, stride: strides, padding: padding)
        if usesWinograd(g) { return "Winograd F(2×2, 5×5)" }
        return directValidGeometry(g, filters: filters, pooled: false) != nil ? "direct" : "im2col + GEMM"
    }

    /// Whether this convolution runs by ``WinogradConvolution`` (a property of its shape).
    private func usesWinograd(_ g: ConvGeometry) -> Bool {
        (activation == .relu || activation == .linear) && WinogradConvolution.supports(g, filters: filters)
    }

    /// The valid geometry the direct kernels run `g` as with `filters` filters, or nil when
    /// they do not take it (an activation other than ReLU or linear, or a shape
    /// ``DirectConvolution`` does not take).
    private func directValidGeometry(_ g: ConvGeometry, filters: Int, pooled: Bool) -> ConvGeometry? {
        guard activation == .relu || activation == .linear, let v = DirectConvolution.validGeometry(g),
              DirectConvolution.supports(v, filters: filters, pooled: pooled) else { return nil }
        return v
    }

    /// The geometry and input the direct kernels run on, or nil when they do not apply (an
    /// activation other than ReLU or linear, or a shape ``DirectConvolution`` does not take).
    /// A convolution with padding runs as the valid convolution of its zero-padded input
    /// (``DirectConvolution/validGeometry(_:)``: the same sums as im2col, bit for bit).
    /// With `widen` (inference), a filter count that is not a multiple of 16 qualifies as the
    /// next multiple (``runDirect(_:_:pooled:into:)`` adds the zero filters).
    private func directOperands(_ g: ConvGeometry, _ input: Tensor, pooled: Bool,
                                widen: Bool = false) -> (ConvGeometry, UnsafePointer<Float>)? {
        guard let v = directValidGeometry(g, filters: widen ? (filters + 15) / 16 * 16 : filters, pooled: pooled) else {
            return nil
        }
        if v == g { return (g, UnsafePointer(input.pointer)) }
        let p = Tensor.reuse(padded, shape: [g.batch, v.height, v.width, g.channels])
        padded = p
        DirectConvolution.pad(g, input: input.pointer, into: p.pointer)
        return (v, UnsafePointer(p.pointer))
    }

    /// The direct forward pass into `out` ([…, filters]). A one-channel convolution with fewer
    /// than 16 filters (inference only, unpooled) runs on the narrow kernel, pixels in the
    /// vector lanes. Any other filter count that is not a multiple
    /// of 16 (inference only) runs with zero filters added up to one — their outputs are
    /// computed and dropped — through a widened copy of the kernel and bias made on each
    /// call (so it is never stale): every kept output is the same chain, so the bits are
    /// those of im2col + GEMM.
    private func runDirect(_ g: ConvGeometry, _ x: UnsafePointer<Float>, pooled: Bool, into out: Tensor) {
        let relu = activation == .relu
        if !pooled, DirectConvolution.supportsNarrow(g, filters: filters) {    // one channel, few filters
            DirectConvolution.narrowForward(g, input: x, kernel: kernel.value.pointer, bias: bias.value.pointer,
                                            filters: filters, relu: relu, output: out.pointer)
            return
        }
        guard filters % 16 != 0 else {
            DirectConvolution.forwardAcrossThreads(g, input: x, kernel: kernel.value.pointer, bias: bias.value.pointer,
                                                   filters: filters, relu: relu, pooled: pooled, output: out.pointer)
            return
        }
        let wide = (filters + 15) / 16 * 16, rows = kernel.count / filters, pixels = out.count / filters
        let k = Tensor.reuse(wideKernel, shape: [rows, wide]), b = Tensor.reuse(wideBias, shape: [wide])
        let y = Tensor.reuse(wideOutput, shape: [pixels, wide])
        wideKernel = k; wideBias = b; wideOutput = y
        k.fill(0)
        b.fill(0)
        for r in 0..<rows { (k.pointer + r * wide).update(from: kernel.value.pointer + r * filters, count: filters) }
        b.pointer.update(from: bias.value.pointer, count: filters)
        DirectConvolution.forwardAcrossThreads(g, input: x, kernel: k.pointer, bias: b.pointer, filters: wide, relu: relu,
                                               pooled: pooled, output: y.pointer)
        for p in 0..<pixels { (out.pointer + p * filters).update(from: y.pointer + p * wide, count: filters) }
    }

    /// The input the last training pass gave the direct kernels (the padded copy, if any).
    private func directInput(_ gd: ConvGeometry, _ input: Tensor) -> UnsafePointer<Float> {
        guard let p = padded, gd != geometry else { return UnsafePointer(input.pointer) }
        return UnsafePointer(p.pointer)
    }

    /// Inference of this layer followed by `pool` in one pass (no convolution output is
    /// stored): max-pooling commutes with adding the bias and with ReLU, so the result is
    /// bit-identical to running the two layers. Nil when the pair cannot be fused (the
    /// pool is not 2×2 with stride 2 and valid padding, or the direct kernel does not apply).
    public func inferencePooled(_ input: Tensor, by pool: MaxPool2D) -> Tensor? {
        guard let (g, x, out, winograd) = fusablePooledPass(input, pool, widen: true) else { return nil }
        geometry = nil
        pooledForward = false
        winogradPass = false
        if winograd {
            WinogradConvolution.forwardAcrossThreads(g, input: x, kernel: kernel.value.pointer, bias: bias.value.pointer,
                                                     filters: filters, relu: activation == .relu, pooled: true,
                                                     output: out.pointer, kept: keptTransform)
        } else {
            runDirect(g, x, pooled: true, into: out)
        }
        return out
    }

    /// The geometry, input and (reused) pooled output tensor of a pass fused with `pool`, and
    /// whether it runs by ``WinogradConvolution`` (the layer's own geometry and input) or on
    /// the direct kernels; nil when the pair cannot be fused: the pool is not 2×2 with stride
    /// 2 and valid padding, or neither takes this convolution.
    private func fusablePooledPass(_ input: Tensor, _ pool: MaxPool2D, widen: Bool = false)
        -> (ConvGeometry, UnsafePointer<Float>, Tensor, winograd: Bool)? {
        guard pool.poolSize == (2, 2), pool.strides == (2, 2), pool.padding == .valid else { return nil }
        precondition(Array(input.shape.dropFirst()) == inputShape,
                     "\(name): input \(input.shape) does not match built shape \(inputShape)")
        let g = ConvGeometry(batch: input.batch, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: kernelSize, stride: strides, padding: padding)
        let winograd = usesWinograd(g) && g.outHeight >= 2 && g.outWidth >= 2
        let operands = winograd ? (g, UnsafePointer(input.pointer)) : directOperands(g, input, pooled: true, widen: widen)
        guard let (gd, x) = operands else { return nil }
        let out = Tensor.reuse(pooledOutput, shape: [input.batch, g.outHeight / 2, g.outWidth / 2, filters])
        pooledOutput = out
        return (gd, x, out, winograd)
    }

    /// Training forward pass of this layer followed by `pool`, in one pass: the pooled
    /// output (bit-identical to running the two layers) and, per pooled output, which
    /// window position was the maximum. ``backward(_:inputGradient:skipActivation:)`` then
    /// takes the *pooled* gradient and gives the same gradients as the two layers (the
    /// pool's tie rule, first in window order, is kept). Nil when the pair cannot be fused;
    /// the caller then runs the layers one by one.
    public func trainingPooled(_ input: Tensor, by pool: MaxPool2D) -> Tensor? {
        guard let (gd, x, out, winograd) = fusablePooledPass(input, pool) else { return nil }
        if poolCodes.count < out.count { poolCodes = [UInt8](repeating: 0, count: out.count) }
        poolCodes.withUnsafeMutableBufferPointer { codes in
            if winograd {
                WinogradConvolution.forward(gd, input: x, kernel: kernel.value.pointer, bias: bias.value.pointer,
                                            filters: filters, relu: activation == .relu, pooled: true,
                                            output: out.pointer, codes: codes.baseAddress!)
            } else {
                DirectConvolution.pooledForward(gd, input: x, kernel: kernel.value.pointer,
                                                bias: bias.value.pointer, filters: filters, relu: activation == .relu,
                                                output: out.pointer, codes: codes.baseAddress!)
            }
        }
        geometry = ConvGeometry(batch: input.batch, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                                kernel: kernelSize, stride: strides, padding: padding)
        directGeometry = winograd ? nil : gd
        winogradPass = winograd
        lastInput = input
        col = nil
        pooledForward = true
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        guard let g = geometry, let input = lastInput else {
            preconditionFailure("\(name): backward before forward")
        }
        let dy: Tensor
        if pooledForward {      // outputGradient is the pooled gradient; ReLU is in the codes
            let pooledCount = g.batch * (g.outHeight / 2) * (g.outWidth / 2) * filters
            precondition(outputGradient.count == pooledCount,
                         "\(name): pooled gradient \(outputGradient.shape) does not match the fused pass")
            if !inputGradient && !winogradPass {
                poolCodes.withUnsafeBufferPointer { codes in
                    DirectConvolution.pooledGradient(directGeometry ?? g, input: directInput(directGeometry ?? g, input),
                                                     outputGradient: outputGradient.pointer,
                                                     codes: codes.baseAddress!, filters: filters,
                                                     kernelGradient: kernel.gradient.pointer,
                                                     biasGradient: bias.gradient.pointer)
                }
                return nil
            }
            let dense = Tensor.reuse(output, shape: [g.batch, g.outHeight, g.outWidth, filters])
            output = dense
            poolCodes.withUnsafeBufferPointer { codes in
                DirectConvolution.scatterPooledGradient(g, outputGradient: outputGradient.pointer,
                                                        codes: codes.baseAddress!, filters: filters, into: dense.pointer)
            }
            dy = dense
        } else {
            guard let out = output else { preconditionFailure("\(name): backward before forward") }
            dy = outputGradient
            precondition(dy.count == out.count, "\(name): gradient \(dy.shape) does not match output \(out.shape)")
            if !skipActivation {
                activation.backward(output: out.pointer, gradient: dy.pointer, rows: g.patchCount, cols: filters)
            }
        }
        let k = g.patchSize
        let isPointwise = kernelSize == (1, 1) && strides == (1, 1)
        if let c = col, !isPointwise {
            GEMM.multiply(.transposed, .none, m: k, n: filters, k: g.patchCount,
                          a: c.pointer, aCount: g.patchCount * k, lda: k,
                          b: dy.pointer, bCount: dy.count, ldb: filters,
                          c: kernel.gradient.pointer, cCount: kernel.count, ldc: filters)
        } else if isPointwise {
            GEMM.multiply(.transposed, .none, m: k, n: filters, k: g.patchCount,
                          a: input.pointer, aCount: g.patchCount * k, lda: k,
                          b: dy.pointer, bCount: dy.count, ldb: filters,
                          c: kernel.gradient.pointer, cCount: kernel.count, ldc: filters)
        } else if winogradPass {
            WinogradConvolution.kernelGradient(g, input: input.pointer, outputGradient: dy.pointer, filters: filters,
                                               into: kernel.gradient.pointer)
        } else {      // the forward pass ran the direct kernel: no patch matrix to read
            let gd = directGeometry ?? g
            DirectConvolution.kernelGradient(gd, input: directInput(gd, input), outputGradient: dy.pointer,
                                             filters: filters, into: kernel.gradient.pointer)
        }
        Elementwise.columnSums(dy.pointer, rows: g.patchCount, cols: filters, into: bias.gradient.pointer)
        guard inputGradient else { return nil }
        let dx = Tensor.reuse(inputGrad, shape: input.shape)
        inputGrad = dx
        if winogradPass {
            WinogradConvolution.inputGradient(g, outputGradient: dy.pointer, kernel: kernel.value.pointer, filters: filters,
                                              into: dx.pointer)
            return dx
        }
        if col == nil, !isPointwise, DirectConvolution.supportsInputGradient(g) {   // no patch matrix either way
            DirectConvolution.inputGradient(g, outputGradient: dy.pointer, kernel: kernel.value.pointer, filters: filters,
                                            into: dx.pointer)
            return dx
        }
        if isPointwise {
            GEMM.multiply(.none, .transposed, m: g.patchCount, n: k, k: filters,
                          a: dy.pointer, aCount: dy.count, lda: filters,
                          b: kernel.value.pointer, bCount: kernel.count, ldb: filters,
                          c: dx.pointer, cCount: dx.count, ldc: k)
            return dx
        }
        let dcol = Tensor.reuse(colGradient, shape: [g.patchCount, k])
        colGradient = dcol
        GEMM.multiply(.none, .transposed, m: g.patchCount, n: k, k: filters,
                      a: dy.pointer, aCount: dy.count, lda: filters,
                      b: kernel.value.pointer, bCount: kernel.count, ldb: filters,
                      c: dcol.pointer, cCount: dcol.count, ldc: k)
        Im2Col.backward(g, col: dcol.pointer, input: dx.pointer)
        return dx
    }
}
