import XCTest
import LeptonCore
import LeptonTensor

/// Winograd's F(2×2, 5×5) (``WinogradConvolution``): the forward pass (pooled and not), the
/// input gradient and the kernel gradient against a Double reference, every build with FMA
/// against the others bit for bit, and the same bits for an image alone, inside a batch, and
/// split across two threads.
final class WinogradConvolutionTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in rng.uniform(-1, 1) }
    }

    private func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

    /// Odd sizes (tiles past the last row and column), 'same' and 'valid', 16…64 channels,
    /// 16…64 filters (16-filter blocks run on the 8-lane build, 32-filter on AVX-512).
    private let cases: [(batch: Int, h: Int, w: Int, c: Int, f: Int, pad: Padding)] = [
        (2, 14, 14, 32, 64, .same), (3, 9, 7, 16, 16, .same), (1, 11, 12, 48, 32, .valid),
        (2, 7, 7, 64, 32, .same), (1, 5, 6, 16, 48, .same), (2, 10, 9, 32, 16, .valid),
    ]

    private struct Results: Equatable {
        var y: [UInt32], pooled: [UInt32], codes: [UInt8], dx: [UInt32], dw: [UInt32]
    }

    private func run(_ g: ConvGeometry, filters: Int, x: [Float], w: [Float], bias: [Float], dy: [Float]) -> Results {
        var y = [Float](repeating: .nan, count: g.batch * g.outHeight * g.outWidth * filters)
        var pooled = [Float](repeating: .nan, count: g.batch * (g.outHeight / 2) * (g.outWidth / 2) * filters)
        var codes = [UInt8](repeating: 7, count: pooled.count)
        var dx = [Float](repeating: .nan, count: x.count), dw = [Float](repeating: .nan, count: w.count)
        x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                bias.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer {
                        WinogradConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                    filters: filters, relu: false, pooled: false, output: $0.baseAddress!)
                    }
                    pooled.withUnsafeMutableBufferPointer { pp in
                        codes.withUnsafeMutableBufferPointer { cp in
                            WinogradConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!, bias: bp.baseAddress!,
                                                        filters: filters, relu: true, pooled: true, output: pp.baseAddress!,
                                                        codes: cp.baseAddress!)
                        }
                    }
                }
                dy.withUnsafeBufferPointer { dp in
                    dx.withUnsafeMutableBufferPointer {
                        WinogradConvolution.inputGradient(g, outputGradient: dp.baseAddress!, kernel: wp.baseAddress!,
                                                          filters: filters, into: $0.baseAddress!)
                    }
                    dw.withUnsafeMutableBufferPointer {
                        WinogradConvolution.kernelGradient(g, input: xp.baseAddress!, outputGradient: dp.baseAddress!,
                                                           filters: filters, into: $0.baseAddress!)
                    }
                }
            }
        }
        return Results(y: bits(y), pooled: bits(pooled), codes: codes, dx: bits(dx), dw: bits(dw))
    }

    /// The three sums in Double: y (no bias), dx and dW.
    private func reference(_ g: ConvGeometry, filters f: Int, x: [Float], w: [Float], dy: [Float])
        -> (y: [Double], dx: [Double], dw: [Double]) {
        let c = g.channels
        var y = [Double](repeating: 0, count: g.batch * g.outHeight * g.outWidth * f)
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    let o = ((n * g.outHeight + oy) * g.outWidth + ox) * f
                    for ky in 0..<5 {
                        for kx in 0..<5 {
                            let iy = oy - g.padTop + ky, ix = ox - g.padLeft + kx
                            guard iy >= 0, iy < g.height, ix >= 0, ix < g.width else { continue }
                            let i = ((n * g.height + iy) * g.width + ix) * c, k = (ky * 5 + kx) * c * f
                            for ch in 0..<c {
                                for fi in 0..<f {
                                    let wv = Double(w[k + ch * f + fi])
                                    y[o + fi] += Double(x[i + ch]) * wv
                                    dx[i + ch] += Double(dy[o + fi]) * wv
                                    dw[k + ch * f + fi] += Double(x[i + ch]) * Double(dy[o + fi])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (y, dx, dw)
    }

    /// Each result within float32 rounding of the Double sums: the largest error at most 2e-5
    /// of the largest magnitude for the forward pass and the input gradient, 1e-4 for the
    /// kernel gradient (a long sum over every tile, scaled by the output transform's 16).
    func testMatchesTheDoubleReference() {
        for (i, t) in cases.enumerated() {
            let g = ConvGeometry(batch: t.batch, height: t.h, width: t.w, channels: t.c, kernel: (5, 5), stride: (1, 1),
                                 padding: t.pad)
            XCTAssertTrue(WinogradConvolution.supports(g, filters: t.f), "case \(i)")
            let x = values(t.batch * t.h * t.w * t.c, seed: UInt64(10 + i)), w = values(25 * t.c * t.f, seed: UInt64(20 + i))
            let bias = [Float](repeating: 0, count: t.f)
            let dy = values(g.batch * g.outHeight * g.outWidth * t.f, seed: UInt64(30 + i))
            let got = run(g, filters: t.f, x: x, w: w, bias: bias, dy: dy)
            let want = reference(g, filters: t.f, x: x, w: w, dy: dy)
            for (name, have, exact, tolerance) in [("output", got.y, want.y, 2e-5), ("input gradient", got.dx, want.dx, 2e-5),
                                                   ("kernel gradient", got.dw, want.dw, 1e-4)] {
                let scale = exact.map(abs).max() ?? 1
                let worst = zip(have, exact).map { abs(Double(Float(bitPattern: $0)) - $1) }.max() ?? 0
                XCTAssertLessThanOrEqual(worst, tolerance * scale, "case \(i): \(name), largest error \(worst) of \(scale)")
            }
            // The pooled pass: the 2×2 maximum of relu(y + b) with its window position.
            let pw = g.outWidth / 2, ph = g.outHeight / 2
            for n in 0..<g.batch {
                for py in 0..<ph {
                    for px in 0..<pw {
                        for fi in 0..<t.f {
                            let window = (0..<4).map { q in
                                Float(bitPattern: got.y[((n * g.outHeight + 2 * py + q / 2) * g.outWidth + 2 * px + q % 2) * t.f + fi])
                            }
                            let best = window.max()!, at = ((n * ph + py) * pw + px) * t.f + fi
                            XCTAssertEqual(Float(bitPattern: got.pooled[at]), Swift.max(best, 0), "case \(i): pooled")
                            XCTAssertEqual(got.codes[at], best > 0 ? UInt8(window.firstIndex(of: best)!) : 255, "case \(i): code")
                        }
                    }
                }
            }
        }
    }

    /// Every build with fused multiply-add gives the same bits (the baseline build, without
    /// FMA, rounds twice and is only checked against the reference above when it runs).
    func testEveryFMABuildGivesTheSameBits() {
        let builds = KernelBuild.supported.filter(\.fusedMultiplyAdd)
        guard builds.count > 1 else {
            print("note: only \(builds.map(\.description)) runs here; the build comparison needs an AVX-512 CPU")
            return
        }
        for (i, t) in cases.enumerated() {
            let g = ConvGeometry(batch: t.batch, height: t.h, width: t.w, channels: t.c, kernel: (5, 5), stride: (1, 1),
                                 padding: t.pad)
            let x = values(t.batch * t.h * t.w * t.c, seed: UInt64(40 + i)), w = values(25 * t.c * t.f, seed: UInt64(50 + i))
            let bias = values(t.f, seed: UInt64(60 + i)), dy = values(g.batch * g.outHeight * g.outWidth * t.f, seed: UInt64(70 + i))
            let results = builds.map { build in KernelBuild.capped(at: build) { run(g, filters: t.f, x: x, w: w, bias: bias, dy: dy) } }
            for (b, r) in zip(builds, results).dropFirst() {
                XCTAssertEqual(r, results[0], "case \(i): \(b) vs \(builds[0])")
            }
        }
    }

    /// An image's outputs and input gradient do not depend on the batch around it, and a
    /// batch of one split across two threads by rows of tiles gives the bits of one pass.
    func testBitsDoNotDependOnTheBatchOrTheThreads() {
        defer { ComputeThreads.set(2) }
        for (i, t) in cases.enumerated() {
            let g = ConvGeometry(batch: t.batch, height: t.h, width: t.w, channels: t.c, kernel: (5, 5), stride: (1, 1),
                                 padding: t.pad)
            let one = ConvGeometry(batch: 1, height: t.h, width: t.w, channels: t.c, kernel: (5, 5), stride: (1, 1),
                                   padding: t.pad)
            let x = values(t.batch * t.h * t.w * t.c, seed: UInt64(80 + i)), w = values(25 * t.c * t.f, seed: UInt64(90 + i))
            let bias = values(t.f, seed: 3), dy = values(g.batch * g.outHeight * g.outWidth * t.f, seed: UInt64(95 + i))
            let all = run(g, filters: t.f, x: x, w: w, bias: bias, dy: dy)
            let image = t.h * t.w * t.c, outputs = g.outHeight * g.outWidth * t.f
            let alone = run(one, filters: t.f, x: Array(x[0..<image]), w: w, bias: bias, dy: Array(dy[0..<outputs]))
            XCTAssertEqual(alone.y, Array(all.y[0..<outputs]), "case \(i): output alone vs in a batch")
            XCTAssertEqual(alone.dx, Array(all.dx[0..<image]), "case \(i): input gradient alone vs in a batch")
            for pooled in [false, true] where !pooled || (g.outHeight >= 2 && g.outWidth >= 2) {
                let count = pooled ? (g.outHeight / 2) * (g.outWidth / 2) * t.f : outputs
                var split: [[UInt32]] = []
                for threads in [1, 2] {
                    ComputeThreads.set(threads)
                    var out = [Float](repeating: .nan, count: count)
                    x.withUnsafeBufferPointer { xp in
                        w.withUnsafeBufferPointer { wp in
                            bias.withUnsafeBufferPointer { bp in
                                out.withUnsafeMutableBufferPointer {
                                    WinogradConvolution.forwardAcrossThreads(one, input: xp.baseAddress!, kernel: wp.baseAddress!,
                                                                             bias: bp.baseAddress!, filters: t.f, relu: true,
                                                                             pooled: pooled, output: $0.baseAddress!)
                                }
                            }
                        }
                    }
                    split.append(bits(out))
                }
                XCTAssertEqual(split[1], split[0], "case \(i), pooled \(pooled): two threads vs one")
                XCTAssertFalse(split[0].contains(Float.nan.bitPattern), "case \(i), pooled \(pooled): every output written")
            }
        }
    }

    /// Only 5×5 stride-1 convolutions with a multiple of 16 channels and filters qualify.
    /// The forward pass with a kept transform (``WinogradConvolution/TransformedKernel``), on
    /// one thread and across two: the bits of the pass that transforms the kernel itself —
    /// and after one weight changes (one bit, through the pointer, as any writer may), the
    /// bits of the new kernel, never the kept transform's.
    func testAKeptTransformGivesTheSameBitsAndFollowsEveryChangeOfTheKernel() {
        let g = ConvGeometry(batch: 1, height: 14, width: 14, channels: 32, kernel: (5, 5), stride: (1, 1), padding: .same)
        let filters = 64
        let x = values(14 * 14 * 32, seed: 41), bias = values(filters, seed: 43)
        var w = values(25 * 32 * filters, seed: 42)
        let kept = WinogradConvolution.TransformedKernel()
        func pass(_ w: [Float], pooled: Bool, kept: WinogradConvolution.TransformedKernel?, acrossThreads: Bool) -> [UInt32] {
            var y = [Float](repeating: .nan, count: pooled ? 7 * 7 * filters : 14 * 14 * filters)
            x.withUnsafeBufferPointer { xp in
                w.withUnsafeBufferPointer { wp in
                    bias.withUnsafeBufferPointer { bp in
                        y.withUnsafeMutableBufferPointer { yp in
                            if acrossThreads {
                                WinogradConvolution.forwardAcrossThreads(g, input: xp.baseAddress!, kernel: wp.baseAddress!,
                                                                         bias: bp.baseAddress!, filters: filters, relu: true,
                                                                         pooled: pooled, output: yp.baseAddress!, kept: kept)
                            } else {
                                WinogradConvolution.forward(g, input: xp.baseAddress!, kernel: wp.baseAddress!,
                                                            bias: bp.baseAddress!, filters: filters, relu: true,
                                                            pooled: pooled, output: yp.baseAddress!, kept: kept)
                            }
                        }
                    }
                }
            }
            return bits(y)
        }
        ComputeThreads.set(2)
        for pooled in [false, true] {
            for acrossThreads in [false, true] {
                let fresh = pass(w, pooled: pooled, kept: nil, acrossThreads: false)
                XCTAssertEqual(pass(w, pooled: pooled, kept: kept, acrossThreads: acrossThreads), fresh)
                XCTAssertEqual(pass(w, pooled: pooled, kept: kept, acrossThreads: acrossThreads), fresh, "kept, reused")
                let before = w[12_345]
                w[12_345] = Float(bitPattern: before.bitPattern ^ 1)        // the last bit of one weight
                let changed = pass(w, pooled: pooled, kept: nil, acrossThreads: false)
                XCTAssertNotEqual(changed, fresh, "one bit of one weight changes the output")
                XCTAssertEqual(pass(w, pooled: pooled, kept: kept, acrossThreads: acrossThreads), changed,
                               "the kept transform followed the change (pooled \(pooled), threads \(acrossThreads))")
                w[12_345] = before
            }
        }
    }

    func testSupportsOnlyItsShapes() {
        func geometry(_ c: Int, kernel: Int = 5, stride: Int = 1, padding: Padding = .same) -> ConvGeometry {
            ConvGeometry(batch: 1, height: 14, width: 14, channels: c, kernel: (kernel, kernel), stride: (stride, stride),
                         padding: padding)
        }
        XCTAssertTrue(WinogradConvolution.supports(geometry(32), filters: 64))
        XCTAssertFalse(WinogradConvolution.supports(geometry(1), filters: 32), "one channel: the direct kernels")
        XCTAssertFalse(WinogradConvolution.supports(geometry(6), filters: 16), "LeNet-5's 6 channels")
        XCTAssertFalse(WinogradConvolution.supports(geometry(32), filters: 10), "filters not a multiple of 16")
        XCTAssertFalse(WinogradConvolution.supports(geometry(32, kernel: 3), filters: 32), "3×3")
        XCTAssertFalse(WinogradConvolution.supports(geometry(32, stride: 2), filters: 32), "stride 2")
    }
}
