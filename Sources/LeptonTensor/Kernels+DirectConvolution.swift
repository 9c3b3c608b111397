import CLeptonKernels

/// Direct convolution: no patch matrix, bias, ReLU and an optional 2×2 max-pool fused
/// into one pass over the input, with the output written once.
///
/// The kernel keeps a tile of output pixels × 2 vectors of filters in registers and reads
/// the HWIO kernel and the NHWC input as stored (an implicit GEMM); the kernel gradient
/// keeps taps × filters, and the input gradient pixels × channels. No patch matrix is
/// written or read: for one input channel im2col would spend most of its time on it, and
/// for 32 or 64 channels the direct kernels run 1.3–1.7× im2col + ``GEMM`` (training shapes
/// of the model-shape suite, docs/BENCHMARKS.md). With a pool the forward pass computes only
/// the convolution outputs some window reads. Compiled for
/// AVX-512 (16-float vectors) and for AVX2 + FMA / baseline x86-64 (8-float vectors), chosen
/// by the CPU at run time (``KernelBuild``); the FMA builds give the same bits, and the same
/// bits as im2col + ``GEMM`` (same order of taps, same fused chains).
public enum DirectConvolution {
    /// Whether the direct kernels handle this convolution (forward and kernel gradient; the
    /// forward pass fused with a 2×2 max-pool when `pooled`): no padding, any strides (1 when
    /// pooled), a multiple of 16 filters and, when pooled, an output at least 2×2. A padded
    /// convolution qualifies through ``validGeometry(_:)``.
    public static func supports(_ g: ConvGeometry, filters: Int, pooled: Bool) -> Bool {
        g.channels > 0 && g.strideY >= 1 && g.strideX >= 1 && g.padTop == 0 && g.padLeft == 0
            && g.height >= g.kernelHeight && g.width >= g.kernelWidth
            && g.outHeight == (g.height - g.kernelHeight) / g.strideY + 1
            && g.outWidth == (g.width - g.kernelWidth) / g.strideX + 1
            && filters > 0 && filters % 16 == 0
            && (pooled ? g.strideY == 1 && g.strideX == 1 && g.outWidth >= 2 && g.outHeight >= 2 : true)
    }

    /// Whether ``inputGradient(_:outputGradient:kernel:filters:into:)`` handles this
    /// convolution (its original geometry, padding included): stride 1 and a multiple of 16
    /// input channels.
    public static func supportsInputGradient(_ g: ConvGeometry) -> Bool {
        g.strideY == 1 && g.strideX == 1 && g.channels > 0 && g.channels % 16 == 0 && g.padTop >= 0 && g.padLeft >= 0
            && g.outHeight >= 1 && g.outWidth >= 1
    }

    /// dx [batch, height, width, channels] of a stride-1 convolution (geometry `g`, padding
    /// included) from dy [batch, outHeight, outWidth, filters] and the HWIO kernel, without a
    /// patch matrix: the sums of `GEMM(dy, kernelᵀ)` followed by ``Im2Col/backward(_:col:input:)``,
    /// in the same order, so the bits are the same (every input pixel starts at +0 and adds,
    /// for each output pixel whose window covers it in ascending order, the fused chain over
    /// the filters). Only shapes ``supportsInputGradient(_:)`` accepts.
    public static func inputGradient(_ g: ConvGeometry, outputGradient: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                     filters: Int, into inputGradient: UnsafeMutablePointer<Float>) {
        precondition(supportsInputGradient(g), "DirectConvolution: no direct input gradient for \(g)")
        lepton_conv2d_input_grad(outputGradient, Int32(g.batch), Int32(g.outHeight), Int32(g.outWidth), Int32(filters),
                                 kernel, Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(g.channels),
                                 Int32(g.height), Int32(g.width), Int32(g.padTop), Int32(g.padLeft), inputGradient)
    }

    /// The valid convolution of the zero-padded input that computes a convolution with
    /// padding ('same', any strides): `g` itself when it has none. Its sums are those of
    /// im2col + ``GEMM`` bit for bit — im2col writes the same zeros into the patch matrix, in
    /// the same (ky, kx, channel) order. Feed it ``pad(_:input:into:)``'s images. Nil only
    /// for a geometry no valid convolution reproduces.
    public static func validGeometry(_ g: ConvGeometry) -> ConvGeometry? {
        guard g.padTop >= 0, g.padLeft >= 0, g.outHeight >= 1, g.outWidth >= 1 else { return nil }
        // the rows and columns the windows read, at least the (shifted) input: rows past the
        // last window (a valid strided convolution's) are kept and never read
        let h = Swift.max((g.outHeight - 1) * g.strideY + g.kernelHeight, g.height + g.padTop)
        let w = Swift.max((g.outWidth - 1) * g.strideX + g.kernelWidth, g.width + g.padLeft)
        let v = ConvGeometry(batch: g.batch, height: h, width: w, channels: g.channels,
                             kernel: (g.kernelHeight, g.kernelWidth), stride: (g.strideY, g.strideX), padding: .valid)
        guard v.outHeight == g.outHeight, v.outWidth == g.outWidth else { return nil }
        return v
    }

    /// Writes `input` [batch, height, width, channels] into `output`, the zero-padded images
    /// [batch, v.height, v.width, channels] of `v = validGeometry(g)`.
    public static func pad(_ g: ConvGeometry, input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        guard let v = validGeometry(g) else { preconditionFailure("DirectConvolution.pad: no valid geometry for \(g)") }
        // each value written once: the border's zeros, then the rows (no pass zeroing it all)
        let c = g.channels, row = g.width * c, paddedRow = v.width * c
        let left = g.padLeft * c, right = paddedRow - left - row
        let below = v.height - g.height - g.padTop
        for n in 0..<g.batch {
            let image = output + n * v.height * paddedRow
            image.update(repeating: 0, count: g.padTop * paddedRow)
            for y in 0..<g.height {
                let dst = image + (y + g.padTop) * paddedRow
                dst.update(repeating: 0, count: left)
                (dst + left).update(from: input + (n * g.height + y) * row, count: row)
                (dst + left + row).update(repeating: 0, count: right)
            }
            (image + (g.padTop + g.height) * paddedRow).update(repeating: 0, count: below * paddedRow)
        }
    }

    /// y = act(conv(x, W) + b), then (when `pooled`) a 2×2 stride-2 max-pool; `output` holds
    /// [batch, outHeight, outWidth, filters], or the pooled [batch, outHeight/2, outWidth/2,
    /// filters]. `relu` false means linear. Only shapes ``supports(_:filters:pooled:)`` accepts.
    public static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>, filters: Int, relu: Bool, pooled: Bool,
                               output: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters, pooled: pooled),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters (pooled: \(pooled))")
        if g.strideY != 1 || g.strideX != 1 {
            lepton_conv2d_direct_strided(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                         kernel, Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(g.strideY),
                                         Int32(g.strideX), Int32(filters), bias, relu ? 1 : 0, output)
            return
        }
        lepton_conv2d_direct(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                             kernel, Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(filters), bias,
                             relu ? 1 : 0, pooled ? 1 : 0, output)
    }

    /// ``forward(_:input:kernel:bias:filters:relu:pooled:output:)`` for one image (a batch of
    /// one at inference) split between two of the threads ``ComputeThreads`` allows: by output
    /// rows — pooled rows when `pooled` — each part running the kernel on the band of input
    /// rows its outputs read; or, when the filters halve into multiples of 32 and the rows
    /// split unevenly (same3's 3 pooled rows went 2 : 1; conv3's last layer has one), by
    /// filters, each part reading all the input and half the kernel. The input is the data
    /// that changes from call to call, and a row split leaves the worker about half of it to
    /// fetch from the caller's cache, so filters are chosen only when the FLOPs an even split
    /// takes off the busier thread exceed 10 × the bytes of half the input (measured here:
    /// stride2's 7-row stride-2 layer, 1.8 MFLOP on 29 KB, 11.7 µs by rows and 13.1 by
    /// filters; same3's 7 pooled rows, 7.2 MFLOP on 32 KB, faster by filters). Every output
    /// is computed as in one pass, so the bits are the same. One thread for a batch of more,
    /// a small convolution (under 2²⁰ FLOPs) or a call from inside another parallel task.
    public static func forwardAcrossThreads(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                            bias: UnsafePointer<Float>, filters: Int, relu: Bool, pooled: Bool,
                                            output: UnsafeMutablePointer<Float>) {
        let rows = pooled ? g.outHeight / 2 : g.outHeight
        let flops = 2 * g.outHeight * g.outWidth * g.patchSize * filters
        // FLOPs the busier thread does beyond half, split by rows; bytes of half the input
        let excess = rows > 0 ? flops * ((rows + 1) / 2) / rows - flops / 2 : 0
        let byFilters = filters % 64 == 0 && excess > 10 * 2 * g.height * g.width * g.channels
        guard g.batch == 1, ComputeThreads.count > 1, rows >= 2 || byFilters, flops >= 1 << 20 else {
            forward(g, input: input, kernel: kernel, bias: bias, filters: filters, relu: relu, pooled: pooled, output: output)
            return
        }
        precondition(supports(g, filters: filters, pooled: pooled),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters (pooled: \(pooled))")
        if byFilters {
            let half = filters / 2
            ComputeThreads.concurrently(tasks: 2) { part in
                lepton_conv2d_direct_filters(input, 1, Int32(g.height), Int32(g.width), Int32(g.channels), kernel,
                                             Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(g.strideY),
                                             Int32(g.strideX), Int32(filters), Int32(part * half),
                                             Int32(part * half + half), bias, relu ? 1 : 0, pooled ? 1 : 0, output)
            }
            return
        }
        let split = (rows + 1) / 2, step = pooled ? 2 : g.strideY
        let outRow = (pooled ? g.outWidth / 2 : g.outWidth) * filters, inRow = g.width * g.channels
        ComputeThreads.concurrently(tasks: 2) { part in
            // the band of input rows the part's output rows read, as an image of its own
            let r0 = part == 0 ? 0 : split, count = part == 0 ? split : rows - split
            let band = ConvGeometry(batch: 1, height: pooled ? 2 * count + g.kernelHeight - 1
                                        : (count - 1) * g.strideY + g.kernelHeight,
                                    width: g.width, channels: g.channels, kernel: (g.kernelHeight, g.kernelWidth),
                                    stride: (g.strideY, g.strideX), padding: .valid)
            forward(band, input: input + r0 * step * inRow, kernel: kernel, bias: bias, filters: filters, relu: relu,
                    pooled: pooled, output: output + r0 * outRow)
        }
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

    /// Whether ``narrowForward(_:input:kernel:bias:filters:relu:output:)`` takes this
    /// convolution: one input channel, stride 1, no padding (a padded one qualifies through
    /// ``validGeometry(_:)``) and 1…15 filters.
    public static func supportsNarrow(_ g: ConvGeometry, filters: Int) -> Bool {
        g.channels == 1 && g.strideY == 1 && g.strideX == 1 && g.padTop == 0 && g.padLeft == 0
            && g.height >= g.kernelHeight && g.width >= g.kernelWidth && filters >= 1 && filters < 16
            && g.outHeight == g.height - g.kernelHeight + 1 && g.outWidth == g.width - g.kernelWidth + 1
    }

    /// y = act(conv(x, W) + b) [batch, outHeight, outWidth, filters] of a one-channel
    /// convolution with fewer than 16 filters (LeNet-5's first layer: 6), output pixels in the
    /// vector lanes rather than the filters widened to a block of 16: each output is the chain
    /// of im2col + ``GEMM``, so the bits are the same. One thread. Only shapes
    /// ``supportsNarrow(_:filters:)`` accepts.
    public static func narrowForward(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                     bias: UnsafePointer<Float>, filters: Int, relu: Bool,
                                     output: UnsafeMutablePointer<Float>) {
        precondition(supportsNarrow(g, filters: filters), "DirectConvolution: no narrow kernel for \(g) with \(filters) filters")
        lepton_conv2d_narrow(input, Int32(g.batch), Int32(g.height), Int32(g.width), kernel, Int32(g.kernelHeight),
                             Int32(g.kernelWidth), Int32(filters), bias, relu ? 1 : 0, output)
    }

    /// The build of Lepton's own kernels (these and ``GEMM``) that runs: see ``KernelBuild``.
    public static var instructionSet: String { KernelBuild.current.description }

    /// dW = Σ over every output pixel of the input patch ⊗ dy: the kernel gradient of a
    /// convolution ``supports(_:filters:pooled:)`` accepts, [kh, kw, channels, filters],
    /// read straight from the input (no patch matrix), in a fixed order of additions.
    public static func kernelGradient(_ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      filters: Int, into kernelGradient: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters, pooled: false),
                     "DirectConvolution: unsupported geometry \(g) with \(filters) filters")
        lepton_conv2d_weight_grad_strided(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                          Int32(g.kernelHeight), Int32(g.kernelWidth), Int32(g.strideY), Int32(g.strideX),
                                          outputGradient, Int32(filters), kernelGradient)
    }
}
