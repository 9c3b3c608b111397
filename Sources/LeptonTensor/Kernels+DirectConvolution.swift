import CLeptonKernels

/// Direct convolution for inference: no patch matrix, bias, ReLU and an optional 2×2
/// max-pool fused into one pass over the input, with the output written once.
///
/// For a small channel count (the first layer of an image model has 1 or 3) an im2col
/// GEMM spends most of its time writing and reading the patch matrix (inner dimension
/// 9); the direct kernel keeps four output pixels × 16 filters in registers and reads the
/// HWIO kernel as stored. Compiled for AVX-512, AVX2 + FMA and baseline x86-64, chosen by
/// the CPU at load time.
public enum DirectConvolution {
    /// The largest input channel count the direct kernels take: beyond it the patch matrix
    /// has a long enough inner dimension for OpenBLAS's GEMM to be the faster way.
    public static let maxChannels = 8

    /// Whether the direct kernel handles this convolution: stride 1, no padding, at most
    /// ``maxChannels`` input channels, a multiple of 16 filters, an output at least 4 pixels
    /// wide (and 2 high when pooled).
    public static func supports(_ g: ConvGeometry, filters: Int, pooled: Bool) -> Bool {
        g.channels <= maxChannels && g.strideY == 1 && g.strideX == 1 && g.padTop == 0 && g.padLeft == 0
            && g.outHeight == g.height - g.kernelHeight + 1 && g.outWidth == g.width - g.kernelWidth + 1
            && filters > 0 && filters % 16 == 0 && g.outWidth >= 4 && (!pooled || g.outHeight >= 2)
    }

    /// y = act(conv(x, W) + b), then (when `pooled`) a 2×2 stride-2 max-pool; `output` holds
    /// [batch, outHeight, outWidth, filters], or the pooled [batch, outHeight/2, outWidth/2,
    /// filters]. `relu` false means linear. Only shapes ``supports(_:filters:pooled:)`` accepts.
    public static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>, filters: Int, relu: Bool, pooled: Bool,
                               output: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters, pooled: pooled),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters (pooled: \(pooled))")
        lepton_conv2d_direct(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                             kernel, Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(filters), bias,
                             relu ? 1 : 0, pooled ? 1 : 0, output)
    }

    /// The pooled forward pass for training: y = maxpool2×2(act(conv(x, W) + b)) as
    /// ``forward(_:input:kernel:bias:filters:relu:pooled:output:)`` with `pooled`, plus one
    /// byte per pooled output in `codes` (the window position of the maximum, 0…3 in
    /// row-major window order, first wins a tie; 255 where ReLU zeroed it).
    public static func pooledForward(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                     bias: UnsafePointer<Float>, filters: Int, relu: Bool,
                                     output: UnsafeMutablePointer<Float>, codes: UnsafeMutablePointer<UInt8>) {
        precondition(supports(g, filters: filters, pooled: true),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters (pooled)")
        lepton_conv2d_pooled_forward(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                     kernel, Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(filters), bias,
                                     relu ? 1 : 0, output, codes)
    }

    /// dW [kh, kw, channels, filters] and db [filters] of the pooled pass, from the pooled
    /// gradient dy [batch, outHeight/2, outWidth/2, filters] and the pass's `codes`, without
    /// forming the convolution-sized gradient; the sums run in the same order as
    /// ``kernelGradient(_:input:outputGradient:filters:into:)`` plus a column sum of that
    /// gradient, so the bits are the same.
    public static func pooledGradient(_ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      codes: UnsafePointer<UInt8>, filters: Int,
                                      kernelGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters, pooled: true),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters (pooled)")
        lepton_conv2d_pooled_grad(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                  Int32(g.kernelHeight), Int32(g.kernelWidth), outputGradient, codes, Int32(filters),
                                  kernelGradient, biasGradient)
    }

    /// The convolution-sized gradient [batch, outHeight, outWidth, filters] the pooled
    /// gradient and `codes` stand for: dy at each live maximum, zero elsewhere.
    public static func scatterPooledGradient(_ g: ConvGeometry, outputGradient: UnsafePointer<Float>,
                                             codes: UnsafePointer<UInt8>, filters: Int,
                                             into gradient: UnsafeMutablePointer<Float>) {
        lepton_pool_codes_scatter(outputGradient, codes, Int32(g.batch), Int32(g.outHeight), Int32(g.outWidth),
                                  Int32(filters), gradient)
    }

    /// When true, the 8-lane build runs even on an AVX-512 CPU (to compare the two builds,
    /// which give the same bits). Default false.
    public static var forcesPortableKernels: Bool {
        get { lepton_conv2d_portable() != 0 }
        set { lepton_conv2d_set_portable(newValue ? 1 : 0) }
    }

    /// Which build of the kernels runs for `filters` filters on this CPU: "AVX-512 (16
    /// lanes)" or "8 lanes" (AVX2 + FMA or baseline, chosen at load time).
    public static func instructionSet(filters: Int) -> String { String(cString: lepton_conv2d_isa(Int32(filters))) }

    /// dW = Σ over every output pixel of the input patch ⊗ dy: the kernel gradient of a
    /// convolution ``supports(_:filters:pooled:)`` accepts, [kh, kw, channels, filters],
    /// read straight from the input (no patch matrix), in a fixed order of additions.
    public static func kernelGradient(_ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      filters: Int, into kernelGradient: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters, pooled: false),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters")
        lepton_conv2d_weight_grad(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                  Int32(g.kernelHeight), Int32(g.kernelWidth), outputGradient, Int32(filters), kernelGradient)
    }
}
