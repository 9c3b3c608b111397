import CLeptonKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stride-1 5×5 convolutions by Winograd's minimal filtering F(2×2, 5×5) (Lavin & Gray 2016):
/// each 2×2 block of outputs takes 36 multiplications per channel and filter in the
/// transformed domain where the direct sum takes 100 — 2.78× fewer; with the transforms
/// the forward pass and the input gradient of the TensorFlow tutorial's second convolution
/// (14×14, 32 → 64) run ≈ 2× faster than ``DirectConvolution`` (docs/BENCHMARKS.md).
///
/// Numerics: the sums run in another order than the direct kernels' and im2col's (so other
/// bits; float32 errors of the same size, ≈ 1e-6 relative), in one fixed order of operations
/// that every build with fused multiply-add follows lane by lane — AVX-512, AVX2 and aarch64
/// give the same bits, for any batch size or thread count. A layer's choice depends only on
/// its shape (``supports(_:filters:)``), so training and inference take the same path.
public enum WinogradConvolution {
    /// Whether this convolution (its own geometry, padding included) runs by F(2×2, 5×5): a
    /// 5×5 kernel at stride 1, a multiple of 16 input channels and of 16 filters, and padding
    /// of at most 4 (the input gradient reads dy padded by 4 − padding).
    public static func supports(_ g: ConvGeometry, filters: Int) -> Bool {
        g.kernelHeight == 5 && g.kernelWidth == 5 && g.strideY == 1 && g.strideX == 1
            && g.channels >= 16 && g.channels % 16 == 0 && filters > 0 && filters % 16 == 0
            && (0...4).contains(g.padTop) && (0...4).contains(g.padLeft)
            && g.outHeight >= 1 && g.outWidth >= 1
            && g.outHeight <= g.height + g.padTop && g.outWidth <= g.width + g.padLeft
    }

    /// A kernel's transform u [36, channels, filters], kept for as long as the kernel is bit
    /// for bit the one it was computed from — a trained model predicting, whose weights do
    /// not change between calls, transforms them once instead of on every call (34 µs on
    /// AVX-512 and 60–80 µs on AVX2 for the tutorial convnet's 32 → 64 kernel, half of a
    /// batch-1 pass). Every use compares the whole kernel with the kept copy (≈ 4 µs for that
    /// kernel), so a change by any path — an optimizer step, a loaded file, a write through
    /// the weights' pointer — is seen: nothing stale is ever used. One per layer; not for use
    /// from two threads at once (a layer's passes are not).
    public final class TransformedKernel: @unchecked Sendable {
        private var source: UnsafeMutableBufferPointer<Float>?
        private var u: UnsafeMutableBufferPointer<Float>?
        private var shape = (channels: 0, filters: 0)

        public init() {}
        deinit {
            source?.deallocate()
            u?.deallocate()
        }

        /// The transform of `kernel` (HWIO [5, 5, channels, filters]): the kept one when the
        /// kernel's bits and shape are those it was computed from, else computed now and kept.
        public func transform(_ kernel: UnsafePointer<Float>, channels: Int, filters: Int) -> UnsafePointer<Float> {
            let count = 25 * channels * filters
            if let source, let u, shape == (channels, filters),
               memcmp(source.baseAddress!, kernel, count * MemoryLayout<Float>.size) == 0 {
                return UnsafePointer(u.baseAddress!)
            }
            if shape != (channels, filters) {
                source?.deallocate()
                u?.deallocate()
                source = .allocate(capacity: count)
                u = .allocate(capacity: 36 * channels * filters)
                shape = (channels, filters)
            }
            source!.baseAddress!.update(from: kernel, count: count)
            lepton_winograd_transform_kernel(kernel, Int32(channels), Int32(filters), u!.baseAddress!)
            return UnsafePointer(u!.baseAddress!)
        }
    }

    /// y = act(conv(x, W) + b) [batch, outHeight, outWidth, filters], or with `pooled` its
    /// 2×2 stride-2 max-pool [batch, outHeight/2, outWidth/2, filters] and, when `codes` is
    /// given, one byte per pooled output as ``DirectConvolution/pooledForward(_:input:kernel:bias:filters:relu:output:codes:)``
    /// writes it. The input [batch, height, width, channels] is read as it is (no padded copy);
    /// the kernel is HWIO [5, 5, channels, filters]. `relu` false means linear. With `kept`,
    /// the kernel's transform is the one it keeps (same bits; see ``TransformedKernel``).
    public static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>, filters: Int, relu: Bool, pooled: Bool,
                               output: UnsafeMutablePointer<Float>, codes: UnsafeMutablePointer<UInt8>? = nil,
                               kept: TransformedKernel? = nil) {
        precondition(supports(g, filters: filters), "WinogradConvolution: unsupported geometry \(g) with \(filters) filters")
        precondition(!pooled || (g.outHeight >= 2 && g.outWidth >= 2), "WinogradConvolution: no 2×2 window in \(g)")
        let u = kept?.transform(kernel, channels: g.channels, filters: filters)
        run(g, firstRow: 0, rows: g.outHeight, input: input, kernel: kernel, transformed: u, bias: bias,
            filters: filters, relu: relu, pooled: pooled, output: output, codes: codes)
    }

    /// Output rows firstRow ..< firstRow + rows (firstRow even: whole tiles) of `g`'s output:
    /// the same convolution with its padding moved up by firstRow rows.
    private static func run(_ g: ConvGeometry, firstRow: Int, rows: Int, input: UnsafePointer<Float>,
                            kernel: UnsafePointer<Float>, transformed: UnsafePointer<Float>?, bias: UnsafePointer<Float>,
                            filters: Int, relu: Bool, pooled: Bool, output: UnsafeMutablePointer<Float>,
                            codes: UnsafeMutablePointer<UInt8>?) {
        if let transformed {
            lepton_conv2d_winograd_transformed(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                               Int32(g.padTop - firstRow), Int32(g.padLeft), Int32(rows),
                                               Int32(g.outWidth), transformed, Int32(filters), bias, relu ? 1 : 0,
                                               pooled ? 1 : 0, output, codes)
        } else {
            lepton_conv2d_winograd(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                   Int32(g.padTop - firstRow), Int32(g.padLeft), Int32(rows), Int32(g.outWidth), kernel,
                                   Int32(filters), bias, relu ? 1 : 0, pooled ? 1 : 0, output, codes)
        }
    }

    /// ``forward(_:input:kernel:bias:filters:relu:pooled:output:codes:)`` for one image with
    /// its rows of 2×2 output tiles split between the threads ``ComputeThreads`` allows (a
    /// batch of one at inference). The tiles are those of one pass, so the bits are the same.
    /// One thread for a batch of more, a small convolution (under 2²⁰ FLOPs), a single row
    /// of tiles or a call from inside another parallel task.
    public static func forwardAcrossThreads(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                            bias: UnsafePointer<Float>, filters: Int, relu: Bool, pooled: Bool,
                                            output: UnsafeMutablePointer<Float>, kept: TransformedKernel? = nil) {
        let tileRows = pooled ? g.outHeight / 2 : (g.outHeight + 1) / 2
        guard g.batch == 1, ComputeThreads.count > 1, tileRows >= 2,
              2 * g.outHeight * g.outWidth * g.patchSize * filters >= 1 << 20 else {
            forward(g, input: input, kernel: kernel, bias: bias, filters: filters, relu: relu, pooled: pooled, output: output,
                    kept: kept)
            return
        }
        precondition(supports(g, filters: filters), "WinogradConvolution: unsupported geometry \(g) with \(filters) filters")
        let split = (tileRows + 1) / 2, outRow = (pooled ? g.outWidth / 2 : g.outWidth) * filters
        let u = kept?.transform(kernel, channels: g.channels, filters: filters)     // once, before the split
        ComputeThreads.concurrently(tasks: 2) { part in
            let r0 = part == 0 ? 0 : split, count = part == 0 ? split : tileRows - split    // rows of tiles
            run(g, firstRow: 2 * r0, rows: Swift.min(2 * count, g.outHeight - 2 * r0), input: input, kernel: kernel,
                transformed: u, bias: bias, filters: filters, relu: relu, pooled: pooled,
                output: output + (pooled ? r0 : 2 * r0) * outRow, codes: nil)
        }
    }

    /// dW [5, 5, channels, filters] from the input [batch, height, width, channels] and dy
    /// [batch, outHeight, outWidth, filters] (the unpooled gradient), by F(5×5, 2×2) over 2×2
    /// tiles of dy with the same input transform: each transformed element is one chain of
    /// fused multiply-adds over every tile in order, then the output transform runs once.
    /// Errors ≈ 1e-5 relative to the largest element (the transforms scale by up to 16), a few
    /// times the direct sum's. Only shapes ``supports(_:filters:)`` accepts.
    public static func kernelGradient(_ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      filters: Int, into kernelGradient: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters), "WinogradConvolution: unsupported geometry \(g) with \(filters) filters")
        lepton_conv2d_winograd_weight_grad(input, Int32(g.batch), Int32(g.height), Int32(g.width), Int32(g.channels),
                                           Int32(g.padTop), Int32(g.padLeft), Int32(g.outHeight), Int32(g.outWidth),
                                           outputGradient, Int32(filters), kernelGradient)
    }

    /// dx [batch, height, width, channels] from dy [batch, outHeight, outWidth, filters] and
    /// the HWIO kernel, by the same F(2×2, 5×5): the correlation of dy, padded by 4 − padding,
    /// with the kernel turned by 180°. Only shapes ``supports(_:filters:)`` accepts.
    public static func inputGradient(_ g: ConvGeometry, outputGradient: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                     filters: Int, into inputGradient: UnsafeMutablePointer<Float>) {
        precondition(supports(g, filters: filters), "WinogradConvolution: unsupported geometry \(g) with \(filters) filters")
        lepton_conv2d_winograd_input_grad(outputGradient, Int32(g.batch), Int32(g.outHeight), Int32(g.outWidth),
                                          Int32(filters), kernel, Int32(g.channels), Int32(g.height), Int32(g.width),
                                          Int32(g.padTop), Int32(g.padLeft), inputGradient)
    }
}
