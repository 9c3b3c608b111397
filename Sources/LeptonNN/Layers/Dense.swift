import LeptonCore
import LeptonTensor

/// A fully connected layer: y = act(x · W + b), with W of shape [inputs, units]
/// (Keras's layout). Initialisation: Glorot uniform kernel, zero bias.
///
/// Every product (forward, kernel gradient, input gradient) runs Lepton's ``GEMM``, whose
/// bits do not depend on the CPU, the batch size or the thread count; so training's and
/// inference's forward passes agree bit for bit.
public final class Dense: ActivatedLayer, PackableLayer {
    public let kind = "dense"
    public var name = "dense"
    public let units: Int
    public let activation: Activation
    public let kernelInitializer: Initializer
    /// The kernel, [inputs, units].
    public private(set) var kernel = TrainableParameter(name: "kernel", shape: [0])
    /// The bias, [units].
    public private(set) var bias = TrainableParameter(name: "bias", shape: [0])

    private var inputs = 0
    /// The kernel packed in panels for inference, set only on a ``Predictor``'s own copy of
    /// the layer, whose kernel nothing can change (see ``packForInference()``).
    private var packedKernel: GEMM.PackedMatrix?
    private var output: Tensor?
    private var inputGrad: Tensor?
    private var lastInput: Tensor?

    /// A dense layer with `units` outputs.
    public init(units: Int, activation: Activation = .linear, kernelInitializer: Initializer = .glorotUniform) {
        self.units = units
        self.activation = activation
        self.kernelInitializer = kernelInitializer
    }

    public var summary: String { "Dense \(units)" + (activation == .linear ? "" : " \(activation.rawValue)") }
    public var parameters: [TrainableParameter] { [kernel, bias] }
    public var configuration: [String: String] { ["units": "\(units)", "activation": activation.rawValue] }
    public var forwardFLOPs: Int { 2 * inputs * units }

    public func copy() -> Layer { Dense(units: units, activation: activation, kernelInitializer: kernelInitializer) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        guard inputShape.count == 1 else {
            throw .layerShape(index: index, layer: name, input: inputShape,
                              problem: "Dense needs flat samples",
                              hint: "Insert a Flatten layer before it.")
        }
        guard units > 0 else {
            throw .invalidValue(name: "\(name).units", value: "\(units)", allowed: "a positive integer")
        }
        inputs = inputShape[0]
        kernel = TrainableParameter(name: "\(name).kernel", shape: [inputs, units])
        bias = TrainableParameter(name: "\(name).bias", shape: [units])
        kernelInitializer.fill(kernel.value, fanIn: inputs, fanOut: units, rng: &rng)
        bias.value.fill(0)
        return [units]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let n = input.batch
        precondition(input.sampleSize == inputs, "\(name): input \(input.shape) does not have \(inputs) features")
        lastInput = input
        let out = Tensor.reuse(output, shape: [n, units])
        output = out
        if !training, n != 2, let packed = packedKernel {     // a Predictor's: the same chains, read from its packed kernel
            if n == 1 {
                GEMM.multiplyRow(a: input.pointer, aCount: input.count, packed: packed, c: out.pointer, cCount: out.count)
            } else {
                GEMM.multiply(m: n, a: input.pointer, aCount: input.count, lda: inputs, packed: packed,
                              c: out.pointer, cCount: out.count, ldc: units)
            }
        } else if n <= 2 {     // a batch of one or two: its columns on the threads there are (same bits)
            GEMM.multiplyAcrossThreads(m: n, n: units, k: inputs, a: input.pointer, aCount: input.count, lda: inputs,
                                       b: kernel.value.pointer, bCount: kernel.count, ldb: units,
                                       c: out.pointer, cCount: out.count, ldc: units)
        } else {
            GEMM.multiply(.none, .none, m: n, n: units, k: inputs,
                          a: input.pointer, aCount: input.count, lda: inputs,
                          b: kernel.value.pointer, bCount: kernel.count, ldb: units,
                          c: out.pointer, cCount: out.count, ldc: units)
        }
        activation.forward(out.pointer, rows: n, cols: units, addingBias: bias.value.pointer)
        return out
    }

    /// Packs the kernel for inference (``GEMM/PackedMatrix``): one sample streams its panels,
    /// a batch reads them instead of a kernel packed again on every call. Only when it has a
    /// whole panel of units (a narrow head is read as fast as stored). Only ``Predictor``
    /// calls it, on its own copy of the model: the packed copy is right only while the kernel
    /// is unchanged, and nothing outside the predictor can reach that kernel.
    func packForInference() {
        packedKernel = units >= GEMM.PackedMatrix.panelWidth
            ? GEMM.PackedMatrix(k: inputs, n: units, b: kernel.value.pointer, bCount: kernel.count, ldb: units) : nil
    }

    /// Uses `other`'s packed kernel (a replica of a predictor's copy shares it, as it shares the values).
    func sharePacking(of other: Layer) {
        packedKernel = (other as? Dense)?.packedKernel
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        guard let input = lastInput, let out = output else { preconditionFailure("\(name): backward before forward") }
        let dy = outputGradient, n = input.batch
        precondition(dy.count == out.count, "\(name): gradient \(dy.shape) does not match output \(out.shape)")
        if !skipActivation {
            activation.backward(output: out.pointer, gradient: dy.pointer, rows: n, cols: units)
        }
        GEMM.multiply(.transposed, .none, m: inputs, n: units, k: n,
                      a: input.pointer, aCount: input.count, lda: inputs,
                      b: dy.pointer, bCount: dy.count, ldb: units,
                      c: kernel.gradient.pointer, cCount: kernel.count, ldc: units)
        Elementwise.columnSums(dy.pointer, rows: n, cols: units, into: bias.gradient.pointer)
        guard inputGradient else { return nil }
        let dx = Tensor.reuse(inputGrad, shape: input.shape)
        inputGrad = dx
        GEMM.multiply(.none, .transposed, m: n, n: inputs, k: units,
                      a: dy.pointer, aCount: dy.count, lda: units,
                      b: kernel.value.pointer, bCount: kernel.count, ldb: units,
                      c: dx.pointer, cCount: dx.count, ldc: inputs)
        return dx
    }
}
