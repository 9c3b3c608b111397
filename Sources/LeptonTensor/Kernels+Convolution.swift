/// Im2col / col2im for NHWC convolutions: the convolution becomes one GEMM.
public enum Im2Col {
    /// Writes every input patch as a row of `col` ([patchCount, patchSize], row-major,
    /// patch order kernel-row, kernel-column, channel — the layout of an HWIO kernel).
    public static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>,
                               col: UnsafeMutablePointer<Float>) {
        let rowLen = g.patchSize, c = g.channels
        let imageSize = g.height * g.width * c
        let perImage = g.outHeight * g.outWidth
        for n in 0..<g.batch {
            let img = input + n * imageSize
            var dst = col + n * perImage * rowLen
            for oy in 0..<g.outHeight {
                let y0 = oy * g.strideY - g.padTop
                for ox in 0..<g.outWidth {
                    let x0 = ox * g.strideX - g.padLeft
                    if y0 >= 0, x0 >= 0, y0 + g.kernelHeight <= g.height, x0 + g.kernelWidth <= g.width {
                        let run = g.kernelWidth &* c
                        for ky in 0..<g.kernelHeight {
                            let src = img + ((y0 &+ ky) &* g.width &+ x0) &* c
                            let d = dst + ky &* run
                            if run <= 16 {
                                for t in 0..<run { d[t] = src[t] }
                            } else {
                                d.update(from: src, count: run)
                            }
                        }
                    } else {
                        for ky in 0..<g.kernelHeight {
                            let y = y0 + ky
                            for kx in 0..<g.kernelWidth {
                                let x = x0 + kx
                                let d = dst + (ky * g.kernelWidth + kx) * c
                                if y >= 0, y < g.height, x >= 0, x < g.width {
                                    d.update(from: img + (y * g.width + x) * c, count: c)
                                } else {
                                    d.update(repeating: 0, count: c)
                                }
                            }
                        }
                    }
                    dst += rowLen
                }
            }
        }
    }

    /// Adds every row of `col` back into the image positions it was read from
    /// (the adjoint of ``forward``). `input` is overwritten.
    public static func backward(_ g: ConvGeometry, col: UnsafePointer<Float>,
                                input: UnsafeMutablePointer<Float>) {
        let rowLen = g.patchSize, c = g.channels
        let imageSize = g.height * g.width * c
        let perImage = g.outHeight * g.outWidth
        for n in 0..<g.batch {
            let img = input + n * imageSize
            img.update(repeating: 0, count: imageSize)
            var src = col + n * perImage * rowLen
            for oy in 0..<g.outHeight {
                let y0 = oy * g.strideY - g.padTop
                for ox in 0..<g.outWidth {
                    let x0 = ox * g.strideX - g.padLeft
                    for ky in 0..<g.kernelHeight {
                        let y = y0 + ky
                        if y < 0 || y >= g.height { continue }
                        for kx in 0..<g.kernelWidth {
                            let x = x0 + kx
                            if x < 0 || x >= g.width { continue }
                            let d = img + (y * g.width + x) * c
                            let s = src + (ky * g.kernelWidth + kx) * c
                            for ch in 0..<c { d[ch] += s[ch] }
                        }
                    }
                    src += rowLen
                }
            }
        }
    }
}
