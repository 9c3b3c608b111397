/// Max-pooling over NHWC images.
public enum MaxPool {
    /// Writes the window maxima to `output` and the flat input index of each maximum to
    /// `argmax` (ties keep the first element in row-major window order).
    public static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let c = g.channels
        let imageSize = g.height * g.width * c
        let outImage = g.outHeight * g.outWidth * c
        if g.kernelHeight == 2, g.kernelWidth == 2, g.strideY == 2, g.strideX == 2, g.padTop == 0, g.padLeft == 0 {
            forward2x2(g, input: input, output: output, argmax: argmax)
            return
        }
        for n in 0..<g.batch {
            let base = n * imageSize
            var o = n * outImage
            for oy in 0..<g.outHeight {
                let y0 = oy * g.strideY - g.padTop
                for ox in 0..<g.outWidth {
                    let x0 = ox * g.strideX - g.padLeft
                    let out = output + o, arg = argmax + o
                    var first = true
                    for ky in 0..<g.kernelHeight {
                        let y = y0 + ky
                        if y < 0 || y >= g.height { continue }
                        for kx in 0..<g.kernelWidth {
                            let x = x0 + kx
                            if x < 0 || x >= g.width { continue }
                            let start = base + (y * g.width + x) * c
                            let src = input + start
                            if first {
                                for ch in 0..<c { out[ch] = src[ch]; arg[ch] = Int32(start + ch) }
                                first = false
                            } else {
                                for ch in 0..<c where src[ch] > out[ch] {
                                    out[ch] = src[ch]; arg[ch] = Int32(start + ch)
                                }
                            }
                        }
                    }
                    if first {
                        for ch in 0..<c { out[ch] = 0; arg[ch] = -1 }
                    }
                    o += c
                }
            }
        }
    }

    /// The common 2×2, stride-2, unpadded case: branch-free maxima, eight channels at a time.
    private static func forward2x2(_ g: ConvGeometry, input: UnsafePointer<Float>,
                                   output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let c = g.channels, rowStride = g.width &* c
        let imageSize = g.height &* rowStride
        let outH = g.outHeight, outW = g.outWidth
        let outImage = outH &* outW &* c
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        for n in 0..<g.batch {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    let i00 = n &* imageSize &+ (2 &* oy) &* rowStride &+ (2 &* ox) &* c
                    let i01 = i00 &+ c, i10 = i00 &+ rowStride, i11 = i10 &+ c
                    let o = n &* outImage &+ (oy &* outW &+ ox) &* c
                    var ch = 0
                    while ch &+ 8 <= c {
                        var best = input.load8(i00 &+ ch)
                        var at = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: i00 &+ ch)) &+ lanes
                        @inline(__always) func visit(_ start: Int) {
                            let v = input.load8(start &+ ch)
                            let m = v .> best
                            best.replace(with: v, where: m)
                            at.replace(with: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: start &+ ch)) &+ lanes, where: m)
                        }
                        visit(i01); visit(i10); visit(i11)
                        output.store8(best, o &+ ch)
                        UnsafeMutableRawPointer(argmax + (o &+ ch)).storeBytes(of: at, as: SIMD8<Int32>.self)
                        ch &+= 8
                    }
                    while ch < c {
                        var best = input[i00 &+ ch], at = Int32(truncatingIfNeeded: i00 &+ ch)
                        if input[i01 &+ ch] > best { best = input[i01 &+ ch]; at = Int32(truncatingIfNeeded: i01 &+ ch) }
                        if input[i10 &+ ch] > best { best = input[i10 &+ ch]; at = Int32(truncatingIfNeeded: i10 &+ ch) }
                        if input[i11 &+ ch] > best { best = input[i11 &+ ch]; at = Int32(truncatingIfNeeded: i11 &+ ch) }
                        output[o &+ ch] = best
                        argmax[o &+ ch] = at
                        ch &+= 1
                    }
                }
            }
        }
    }

    /// Windows that tile the input exactly: every input element is written once (the
    /// gradient where it was the maximum, zero elsewhere), so no clearing pass is needed.
    private static func backward2x2(_ g: ConvGeometry, outputGradient: UnsafePointer<Float>, argmax: UnsafePointer<Int32>,
                                    inputGradient: UnsafeMutablePointer<Float>) {
        let c = g.channels, rowStride = g.width &* c
        let imageSize = g.height &* rowStride
        let outH = g.outHeight, outW = g.outWidth
        let outImage = outH &* outW &* c
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let zero = Float8(repeating: 0)
        for n in 0..<g.batch {
            for oy in 0..<outH {
                for ox in 0..<outW {
                    let i00 = n &* imageSize &+ (2 &* oy) &* rowStride &+ (2 &* ox) &* c
                    let i01 = i00 &+ c, i10 = i00 &+ rowStride, i11 = i10 &+ c
                    let o = n &* outImage &+ (oy &* outW &+ ox) &* c
                    var ch = 0
                    while ch < c {
                        let grad = UnsafeRawPointer(outputGradient + (o &+ ch)).loadUnaligned(as: Float8.self)
                        let at = UnsafeRawPointer(argmax + (o &+ ch)).loadUnaligned(as: SIMD8<Int32>.self)
                        @inline(__always) func put(_ start: Int) {
                            let here = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: start &+ ch)) &+ lanes
                            inputGradient.store8(zero.replacing(with: grad, where: at .== here), start &+ ch)
                        }
                        put(i00); put(i01); put(i10); put(i11)
                        ch &+= 8
                    }
                }
            }
        }
    }

    /// Routes each output gradient to the input element that was the maximum.
    /// `inputGradient` (of `inputCount` elements) is overwritten.
    public static func backward(_ g: ConvGeometry, outputGradient: UnsafePointer<Float>, argmax: UnsafePointer<Int32>,
                                outputCount: Int, inputGradient: UnsafeMutablePointer<Float>, inputCount: Int) {
        let tiles = g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideY == 2 && g.strideX == 2
            && g.padTop == 0 && g.padLeft == 0 && g.height == 2 * g.outHeight && g.width == 2 * g.outWidth
        if tiles && g.channels % 8 == 0 {
            backward2x2(g, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
            return
        }
        inputGradient.update(repeating: 0, count: inputCount)
        for i in 0..<outputCount {
            let j = Int(argmax[i])
            if j >= 0 { inputGradient[j] += outputGradient[i] }
        }
    }
}
