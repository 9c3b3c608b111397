import LeptonCore
import LeptonTensor

/// Average pooling over NHWC images (Keras's `AveragePooling2D`): each output is the mean
/// of its window. With 'same' padding a window that reaches past the border averages only
/// the elements inside the image, as Keras and TensorFlow do (the padding is not counted).
///
/// The sums run in a fixed order (window row, then column, per channel; eight channels at
/// a time in vector lanes, the same additions), so the result has the same bits on every CPU. The gradient of an output is
/// shared equally by the elements its window averaged.
public final class AvgPool2D: Pooling2D {
    public let kind = "average_pooling2d"
    public var name = "average_pooling2d"
    public let poolSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding

    private var inputShape: [Int] = []
    private var output: Tensor?
    private var inputGrad: Tensor?
    private var lastInputShape: [Int] = []

    /// Pooling with windows of `poolSize`, stepping by `strides` (default: the pool size).
    public init(poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
    }

    public var summary: String { "AvgPool2D \(poolSize.0)×\(poolSize.1)" }
    /// One addition per window element and one division per output.
    public private(set) var forwardFLOPs = 0

    public func copy() -> Layer { AvgPool2D(poolSize: poolSize, strides: strides, padding: padding) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        let g = try checkedGeometry(inputShape, index: index, type: "AvgPool2D")
        self.inputShape = inputShape
        forwardFLOPs = g.outHeight * g.outWidth * inputShape[2] * (poolSize.0 * poolSize.1 + 1)
        return [g.outHeight, g.outWidth, inputShape[2]]
    }

    /// The in-bounds rows (or columns) of output position `o`'s window on an axis of `size`.
    private static func span(_ o: Int, stride: Int, pad: Int, window: Int, size: Int) -> Range<Int> {
        let start = o * stride - pad
        return Swift.max(start, 0)..<Swift.min(start + window, size)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let g = geometry(batch: input.batch, inputShape)
        let out = Tensor.reuse(output, shape: [input.batch, g.outHeight, g.outWidth, g.channels])
        output = out
        lastInputShape = input.shape
        let x = input.pointer, y = out.pointer, c = g.channels
        if g.kernelHeight == 2, g.kernelWidth == 2, g.strideY == 2, g.strideX == 2, g.padTop == 0, g.padLeft == 0,
           2 * g.outHeight <= g.height, 2 * g.outWidth <= g.width {
            Self.forward2x2(x, g, into: y)
            return out
        }
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                let rows = Self.span(oy, stride: g.strideY, pad: g.padTop, window: g.kernelHeight, size: g.height)
                for ox in 0..<g.outWidth {
                    let cols = Self.span(ox, stride: g.strideX, pad: g.padLeft, window: g.kernelWidth, size: g.width)
                    let dst = y + ((n * g.outHeight + oy) * g.outWidth + ox) * c
                    let count = Float(rows.count * cols.count)
                    // eight channels at a time in registers, then four, then one: the same
                    // additions in the same order for every channel
                    var ch = 0
                    while ch + 8 <= c {
                        var sum = Float8(repeating: 0)
                        for iy in rows {
                            for ix in cols { sum += x.load8(((n * g.height + iy) * g.width + ix) * c + ch) }
                        }
                        dst.store8(sum / count, ch)
                        ch += 8
                    }
                    if ch + 4 <= c {
                        var sum = SIMD4<Float>(repeating: 0)
                        for iy in rows {
                            for ix in cols {
                                let at = ((n * g.height + iy) * g.width + ix) * c + ch
                                sum += SIMD4(x[at], x[at + 1], x[at + 2], x[at + 3])
                            }
                        }
                        let mean = sum / count
                        for lane in 0..<4 { dst[ch + lane] = mean[lane] }
                        ch += 4
                    }
                    while ch < c {
                        var sum: Float = 0
                        for iy in rows {
                            for ix in cols { sum += x[((n * g.height + iy) * g.width + ix) * c + ch] }
                        }
                        dst[ch] = sum / count
                        ch += 1
                    }
                }
            }
        }
        return out
    }

    /// The common 2×2 stride-2 pool whose windows all lie inside the image (LeNet-5's): the
    /// general loop's additions in its order — from +0, the window's top row then its bottom
    /// row, left to right — then the division by 4, without computing each window's span.
    private static func forward2x2(_ x: UnsafePointer<Float>, _ g: ConvGeometry, into y: UnsafeMutablePointer<Float>) {
        let c = g.channels, row = g.width * c
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                let top = x + (n * g.height + 2 * oy) * row, bottom = top + row
                let dst = y + (n * g.outHeight + oy) * g.outWidth * c
                for ox in 0..<g.outWidth {
                    let a = top + 2 * ox * c, b = a + c, d = bottom + 2 * ox * c, e = d + c, o = dst + ox * c
                    for ch in 0..<c {
                        var sum: Float = 0
                        sum += a[ch]
                        sum += b[ch]
                        sum += d[ch]
                        sum += e[ch]
                        o[ch] = sum / 4
                    }
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        let g = geometry(batch: lastInputShape[0], inputShape)
        let dx = Tensor.reuse(inputGrad, shape: lastInputShape)
        inputGrad = dx
        let d = dx.pointer, dy = outputGradient.pointer, c = g.channels
        d.update(repeating: 0, count: dx.count)
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                let rows = Self.span(oy, stride: g.strideY, pad: g.padTop, window: g.kernelHeight, size: g.height)
                for ox in 0..<g.outWidth {
                    let cols = Self.span(ox, stride: g.strideX, pad: g.padLeft, window: g.kernelWidth, size: g.width)
                    let src = dy + ((n * g.outHeight + oy) * g.outWidth + ox) * c
                    let count = Float(rows.count * cols.count)
                    for iy in rows {
                        for ix in cols {
                            let dst = d + ((n * g.height + iy) * g.width + ix) * c
                            for ch in 0..<c { dst[ch] += src[ch] / count }
                        }
                    }
                }
            }
        }
        return dx
    }
}
