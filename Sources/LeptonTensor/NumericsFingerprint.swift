import LeptonCore

/// A digest of a small canonical computation through every numerical path that reaches a
/// result — the GEMM in all four operand layouts (vector blocks and the scalar tail), the
/// direct convolutions (16- and 32-filter blocks, pooled and not, both gradients), the
/// narrow one-channel convolution (few filters), the Winograd F(2×2, 5×5) convolutions
/// (the same, plus the input gradient), softmax,
/// sigmoid, tanh, and PortableMath's exp, log, pow, sin and cos — run with the kernel build
/// that runs now.
///
/// Two runs whose fingerprints are equal are expected to give the same bits for the same
/// seed, inputs and code; that is what `lepton check` and the dogfood gate compare exactly.
/// Every CPU with fused multiply-add (AVX-512, AVX2 + FMA, and by design aarch64) gives the
/// same fingerprint; the baseline x86-64 build (no FMA) another. See docs/ARCHITECTURE.md,
/// "Numerics".
public enum NumericsFingerprint {
    /// 16 hex digits (FNV-1a, 64 bits, over every output's bit pattern), for the kernel
    /// build that runs now.
    public static func compute() -> String {
        var h: UInt64 = 0xcbf29ce484222325
        func mix(_ values: [Float]) { for v in values { h = (h ^ UInt64(v.bitPattern)) &* 0x100000001b3 } }
        func mix(_ v: Double) { h = (h ^ v.bitPattern) &* 0x100000001b3 }
        var rng = SeededGenerator(seed: 0x6e756d6572696373)      // "numerics"
        func values(_ n: Int) -> [Float] { (0..<n).map { _ in rng.uniform(-1, 1) } }

        // GEMM: every layout, a block of 32 columns, 8-lane vectors and a scalar tail, K blocks.
        for (m, n, k) in [(5, 37, 300), (3, 10, 17), (7, 32, 9)] {
            let a = values(m * k), b = values(k * n)
            for (ta, tb) in [(BLAS.Transpose.none, BLAS.Transpose.none), (.transposed, .none), (.none, .transposed), (.transposed, .transposed)] {
                var c = [Float](repeating: 0, count: m * n)
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            GEMM.multiply(ta, tb, m: m, n: n, k: k, a: ap.baseAddress!, aCount: a.count, lda: ta == .none ? k : m,
                                          b: bp.baseAddress!, bCount: b.count, ldb: tb == .none ? n : k,
                                          c: cp.baseAddress!, cCount: cp.count, ldc: n)
                        }
                    }
                }
                mix(c)
            }
        }
        // Direct convolutions: 32 filters (the 16-lane build on AVX-512) and 16 (8-lane).
        for (channels, filters) in [(1, 32), (3, 16)] {
            let g = ConvGeometry(batch: 2, height: 9, width: 8, channels: channels, kernel: (3, 3), stride: (1, 1), padding: .valid)
            let x = values(2 * 9 * 8 * channels), w = values(9 * channels * filters), bias = values(filters)
            var plain = [Float](repeating: 0, count: g.batch * g.outHeight * g.outWidth * filters)
            var pooled = [Float](repeating: 0, count: g.batch * (g.outHeight / 2) * (g.outWidth / 2) * filters)
            var codes = [UInt8](repeating: 0, count: pooled.count)
            let dyPooled = values(pooled.count), dy = values(plain.count)
            var dw = [Float](repeating: 0, count: w.count), db = [Float](repeating: 0, count: filters)
            var dwPlain = [Float](repeating: 0, count: w.count)
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        plain.withUnsafeMutableBufferPointer { op in
                            DirectConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                      filters: filters, relu: true, pooled: false, output: op.baseAddress!)
                        }
                        pooled.withUnsafeMutableBufferPointer { op in
                            codes.withUnsafeMutableBufferPointer { cp in
                                DirectConvolution.pooledForward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                                filters: filters, relu: true, output: op.baseAddress!, codes: cp.baseAddress!)
                            }
                        }
                    }
                }
                dyPooled.withUnsafeBufferPointer { dp in
                    codes.withUnsafeBufferPointer { cp in
                        dw.withUnsafeMutableBufferPointer { wp in
                            db.withUnsafeMutableBufferPointer { bp in
                                DirectConvolution.pooledGradient(g, input: xp.baseAddress!, outputGradient: dp.baseAddress!,
                                                                 codes: cp.baseAddress!, filters: filters,
                                                                 kernelGradient: wp.baseAddress!, biasGradient: bp.baseAddress!)
                            }
                        }
                    }
                }
                dy.withUnsafeBufferPointer { dp in
                    dwPlain.withUnsafeMutableBufferPointer { wp in
                        DirectConvolution.kernelGradient(g, input: xp.baseAddress!, outputGradient: dp.baseAddress!,
                                                         filters: filters, into: wp.baseAddress!)
                    }
                }
            }
            mix(plain); mix(pooled); mix(codes.map { Float($0) }); mix(dw); mix(db); mix(dwPlain)
        }
        // The narrow kernel: one channel, 6 filters, a 2·8-pixel group, an 8-pixel one and a tail.
        do {
            let g = ConvGeometry(batch: 2, height: 7, width: 31, channels: 1, kernel: (3, 3), stride: (1, 1), padding: .valid)
            let x = values(2 * 7 * 31), w = values(9 * 6), bias = values(6)
            var y = [Float](repeating: 0, count: g.batch * g.outHeight * g.outWidth * 6)
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        y.withUnsafeMutableBufferPointer {
                            DirectConvolution.narrowForward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                            filters: 6, relu: true, output: $0.baseAddress!)
                        }
                    }
                }
            }
            mix(y)
        }
        // Winograd F(2×2, 5×5): 'same' on an odd-sized image (tiles over the border and past
        // the last row), 32 filters (the 16-lane build on AVX-512) and 16 (8-lane).
        for filters in [32, 16] {
            let g = ConvGeometry(batch: 2, height: 7, width: 6, channels: 16, kernel: (5, 5), stride: (1, 1), padding: .same)
            let x = values(2 * 7 * 6 * 16), w = values(25 * 16 * filters), bias = values(filters)
            var plain = [Float](repeating: 0, count: g.batch * g.outHeight * g.outWidth * filters)
            var pooled = [Float](repeating: 0, count: g.batch * (g.outHeight / 2) * (g.outWidth / 2) * filters)
            var codes = [UInt8](repeating: 0, count: pooled.count)
            let dy = values(plain.count)
            var dw = [Float](repeating: 0, count: w.count), dx = [Float](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        plain.withUnsafeMutableBufferPointer { op in
                            WinogradConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                        filters: filters, relu: true, pooled: false, output: op.baseAddress!)
                        }
                        pooled.withUnsafeMutableBufferPointer { op in
                            codes.withUnsafeMutableBufferPointer { cp in
                                WinogradConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                            filters: filters, relu: true, pooled: true, output: op.baseAddress!,
                                                            codes: cp.baseAddress!)
                            }
                        }
                    }
                    dy.withUnsafeBufferPointer { dp in
                        dw.withUnsafeMutableBufferPointer { gp in
                            WinogradConvolution.kernelGradient(g, input: xp.baseAddress!, outputGradient: dp.baseAddress!,
                                                               filters: filters, into: gp.baseAddress!)
                        }
                        dx.withUnsafeMutableBufferPointer { gp in
                            WinogradConvolution.inputGradient(g, outputGradient: dp.baseAddress!, kernel: wp.baseAddress!,
                                                              filters: filters, into: gp.baseAddress!)
                        }
                    }
                }
            }
            mix(plain); mix(pooled); mix(codes.map { Float($0) }); mix(dw); mix(dx)
        }
        // Activations and the elementary functions.
        for activation in [Activation.softmax, .sigmoid, .tanh] {
            var x = values(30).map { $0 * 12 }
            x.withUnsafeMutableBufferPointer { activation.forward($0.baseAddress!, rows: 3, cols: 10) }
            mix(x)
        }
        for i in 0..<64 {
            let t = Double(i) * 0.37 - 11
            mix(PortableMath.exp(t)); mix(PortableMath.log(abs(t) + 1e-3)); mix(PortableMath.pow(abs(t) + 0.5, 1.3))
            mix(PortableMath.sin(t)); mix(PortableMath.cos(t))
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
