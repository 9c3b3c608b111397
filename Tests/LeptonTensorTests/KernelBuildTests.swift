import XCTest
#if canImport(Glibc)
import Glibc
#endif
import LeptonCore
import LeptonTensor

/// Every build of Lepton's kernels this CPU runs, compared bit for bit — with each other and
/// with a plain scalar reference that sums in the same order — on random shapes: odd sizes,
/// batch 1 and 64, Dense widths 1 … 1024, channels 1/3/32/64, 'same' and 'valid' padding,
/// 3×3 and 5×5 kernels. The FMA builds (AVX-512, AVX2) must agree with a chain of fused
/// multiply-adds; the baseline build (no FMA) with the same chain, rounded twice per term.
final class KernelBuildTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in rng.uniform(-1, 1) }
    }

    private func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

    /// Says which builds this CPU cannot run (so a log shows what was skipped).
    private func builds() -> [KernelBuild] {
        let skipped = KernelBuild.allCases.filter { !KernelBuild.supported.contains($0) }
        if !skipped.isEmpty {
            print("note: this CPU cannot run the kernel build(s) \(skipped.map(\.description).joined(separator: ", ")); skipped")
        }
        return KernelBuild.supported
    }

    /// op(A)·op(B) by `GEMM` under `build`.
    private func gemm(_ build: KernelBuild, _ ta: BLAS.Transpose, _ tb: BLAS.Transpose, m: Int, n: Int, k: Int,
                      a: [Float], b: [Float], c: [Float]? = nil) -> [Float] {
        var out = c ?? [Float](repeating: .nan, count: m * n)
        let lda = ta == .none ? k : m, ldb = tb == .none ? n : k
        KernelBuild.capped(at: build) {
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    out.withUnsafeMutableBufferPointer { cp in
                        GEMM.multiply(ta, tb, m: m, n: n, k: k, a: ap.baseAddress!, aCount: a.count, lda: lda,
                                      b: bp.baseAddress!, bCount: b.count, ldb: ldb,
                                      c: cp.baseAddress!, cCount: cp.count, ldc: n, accumulate: c != nil)
                    }
                }
            }
        }
        return out
    }

    /// The scalar reference: each output one chain over p in order, fused or not.
    private func reference(_ ta: BLAS.Transpose, _ tb: BLAS.Transpose, m: Int, n: Int, k: Int,
                           a: [Float], b: [Float], c: [Float]? = nil, fused: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = c?[i * n + j] ?? 0
                for p in 0..<k {
                    let x = ta == .none ? a[i * k + p] : a[p * m + i]
                    let y = tb == .none ? b[p * n + j] : b[j * k + p]
                    s = fused ? s.addingProduct(x, y) : s + x * y
                }
                out[i * n + j] = s
            }
        }
        return out
    }

    func testGEMMEveryBuildMatchesTheScalarChainAtEveryShapeAndLayout() {
        let shapes: [(m: Int, n: Int, k: Int)] = [
            (1, 1, 1), (1, 10, 5408), (64, 10, 128), (5, 7, 3), (13, 16, 300), (16, 17, 9), (3, 31, 257),
            (64, 33, 64), (32, 64, 784), (7, 100, 20), (16, 128, 5408), (2, 255, 17), (64, 1024, 31), (1, 1024, 64),
            (5408, 64, 16), (257, 8, 5), (37, 300, 600), (13, 520, 257), (7, 1024, 513),
        ]
        for build in builds() {
            for (s, (m, n, k)) in shapes.enumerated() {
                for (ta, tb) in [(BLAS.Transpose.none, BLAS.Transpose.none), (.transposed, .none), (.none, .transposed),
                                 (.transposed, .transposed)] {
                    let a = values(m * k, seed: UInt64(3 * s + 1)), b = values(k * n, seed: UInt64(3 * s + 2))
                    let want = reference(ta, tb, m: m, n: n, k: k, a: a, b: b, fused: build.fusedMultiplyAdd)
                    XCTAssertEqual(bits(gemm(build, ta, tb, m: m, n: n, k: k, a: a, b: b)), bits(want),
                                   "\(build), \(m)×\(n)×\(k), \(ta)/\(tb)")
                }
                // Accumulating continues each chain from C's value.
                let a = values(m * k, seed: 91), b = values(k * n, seed: 92), c = values(m * n, seed: 93)
                XCTAssertEqual(bits(gemm(build, .none, .none, m: m, n: n, k: k, a: a, b: b, c: c)),
                               bits(reference(.none, .none, m: m, n: n, k: k, a: a, b: b, c: c, fused: build.fusedMultiplyAdd)),
                               "\(build), \(m)×\(n)×\(k), accumulating")
            }
        }
    }

    func testGEMMRowsGiveTheSameBitsAloneAsInsideABatch() {
        let k = 5408, n = 64, m = 64
        let a = values(m * k, seed: 5), b = values(k * n, seed: 6)
        let batch = gemm(KernelBuild.current, .none, .none, m: m, n: n, k: k, a: a, b: b)
        for r in [0, 1, 31, 63] {
            let alone = gemm(KernelBuild.current, .none, .none, m: 1, n: n, k: k,
                             a: Array(a[(r * k)..<((r + 1) * k)]), b: b)
            XCTAssertEqual(bits(alone), bits(Array(batch[(r * n)..<((r + 1) * n)])), "row \(r)")
        }
    }

    /// One row times B packed in 64-column panels (a Predictor's Dense at batch 1): the same
    /// chain as the scalar reference on every build, on one thread and split between two,
    /// for widths that fill whole panels and widths that end in a padded one. The output
    /// starts as NaN with one float more than n: a column nobody writes fails, and so does
    /// a padded column written past c's end.
    func testPackedRowEveryBuildMatchesTheScalarChain() {
        let shapes: [(n: Int, k: Int)] = [(64, 1), (65, 3), (130, 257), (191, 31), (256, 784), (64, 5408), (1000, 100),
                                          (1024, 3136)]
        let threads = ComputeThreads.count
        defer { ComputeThreads.set(threads) }
        for build in builds() {
            for (s, (n, k)) in shapes.enumerated() {
                let a = values(k, seed: UInt64(40 + s)), b = values(k * n, seed: UInt64(60 + s))
                let want = bits(reference(.none, .none, m: 1, n: n, k: k, a: a, b: b, fused: build.fusedMultiplyAdd))
                let packed = b.withUnsafeBufferPointer { GEMM.PackedMatrix(k: k, n: n, b: $0.baseAddress!, bCount: b.count, ldb: n) }
                for t in [1, 2] {
                    ComputeThreads.set(t)
                    var out = [Float](repeating: .nan, count: n + 1)
                    KernelBuild.capped(at: build) {
                        out.withUnsafeMutableBufferPointer { cp in
                            a.withUnsafeBufferPointer { ap in
                                GEMM.multiplyRow(a: ap.baseAddress!, aCount: k, packed: packed, c: cp.baseAddress!, cCount: n)
                            }
                        }
                    }
                    XCTAssertEqual(bits(Array(out[0..<n])), want, "\(build), 1×\(n)×\(k), \(t) thread(s)")
                    XCTAssertTrue(out[n].isNaN, "\(build), 1×\(n)×\(k): a padded column was written past c")
                }
            }
        }
    }

    /// A batch times a packed B (`GEMM.multiply(m:…packed:…)`, one tile of sub-panels at a time,
    /// the last tile's padding in scratch): every build gives the scalar chain's bits, rows of
    /// every tile height, widths that end mid-sub-panel and mid-panel, and nothing is written
    /// between n and ldc.
    func testPackedBatchEveryBuildMatchesTheScalarChain() {
        let shapes: [(m: Int, n: Int, k: Int)] = [(3, 64, 1), (5, 65, 3), (7, 84, 120), (13, 130, 257), (32, 256, 784),
                                                  (6, 1000, 100), (11, 1024, 300), (2, 17, 9)]
        for build in builds() {
            for (s, (m, n, k)) in shapes.enumerated() {
                let a = values(m * k, seed: UInt64(80 + s)), b = values(k * n, seed: UInt64(90 + s))
                let want = bits(reference(.none, .none, m: m, n: n, k: k, a: a, b: b, fused: build.fusedMultiplyAdd))
                let packed = b.withUnsafeBufferPointer { GEMM.PackedMatrix(k: k, n: n, b: $0.baseAddress!, bCount: b.count, ldb: n) }
                let ldc = n + 3
                var out = [Float](repeating: .nan, count: m * ldc)
                KernelBuild.capped(at: build) {
                    out.withUnsafeMutableBufferPointer { cp in
                        a.withUnsafeBufferPointer { ap in
                            GEMM.multiply(m: m, a: ap.baseAddress!, aCount: a.count, lda: k, packed: packed,
                                          c: cp.baseAddress!, cCount: cp.count, ldc: ldc)
                        }
                    }
                }
                let got = (0..<m).flatMap { out[$0 * ldc..<$0 * ldc + n] }
                XCTAssertEqual(bits(got), want, "\(build), \(m)×\(n)×\(k)")
                XCTAssertTrue((0..<m).allSatisfy { r in out[r * ldc + n..<r * ldc + ldc].allSatisfy(\.isNaN) },
                              "\(build), \(m)×\(n)×\(k): a column past n was written")
            }
        }
    }

    /// A convolution as a chain over (ky, kx, channel), padded taps included as zeros.
    private func convReference(_ x: [Float], _ g: ConvGeometry, _ w: [Float], filters: Int, fused: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: g.batch * g.outHeight * g.outWidth * filters)
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    for f in 0..<filters {
                        var s: Float = 0
                        for ky in 0..<g.kernelHeight {
                            for kx in 0..<g.kernelWidth {
                                let iy = oy * g.strideY + ky - g.padTop, ix = ox * g.strideX + kx - g.padLeft
                                for c in 0..<g.channels {
                                    let v: Float = (iy < 0 || iy >= g.height || ix < 0 || ix >= g.width) ? 0
                                        : x[((n * g.height + iy) * g.width + ix) * g.channels + c]
                                    let wt = w[((ky * g.kernelWidth + kx) * g.channels + c) * filters + f]
                                    s = fused ? s.addingProduct(v, wt) : s + v * wt
                                }
                            }
                        }
                        out[((n * g.outHeight + oy) * g.outWidth + ox) * filters + f] = s
                    }
                }
            }
        }
        return out
    }

    /// im2col + GEMM (any padding and stride), and the direct kernels where they apply — the
    /// forward pass (no bias or activation, so the raw sums are compared) and the kernel
    /// gradient at any stride, the input gradient at stride 1 — for every build.
    func testConvolutionEveryBuildMatchesTheScalarChain() {
        let cases: [(batch: Int, h: Int, w: Int, c: Int, k: Int, f: Int, pad: Padding, s: Int)] = [
            (1, 7, 9, 1, 3, 32, .valid, 1), (2, 8, 6, 3, 3, 16, .same, 1), (1, 9, 9, 32, 5, 32, .same, 1),
            (64, 6, 5, 1, 3, 32, .valid, 1), (2, 7, 7, 64, 3, 64, .valid, 1), (3, 10, 11, 3, 5, 48, .valid, 1),
            (1, 5, 5, 64, 5, 16, .same, 1), (3, 12, 13, 1, 5, 32, .same, 1), (2, 6, 7, 8, 3, 32, .same, 1),
            (1, 14, 14, 32, 5, 64, .same, 1), (2, 9, 13, 16, 3, 16, .same, 1), (1, 6, 7, 32, 5, 32, .same, 1),
            (2, 5, 5, 32, 3, 32, .valid, 1),
            (2, 9, 9, 1, 3, 32, .same, 2), (1, 14, 14, 32, 3, 64, .same, 2), (2, 10, 9, 3, 3, 16, .valid, 2),
            (1, 13, 12, 16, 5, 32, .same, 3),
        ]
        for build in builds() {
            for (i, t) in cases.enumerated() {
                let g = ConvGeometry(batch: t.batch, height: t.h, width: t.w, channels: t.c,
                                     kernel: (t.k, t.k), stride: (t.s, t.s), padding: t.pad)
                let x = values(t.batch * t.h * t.w * t.c, seed: UInt64(40 + i))
                let w = values(t.k * t.k * t.c * t.f, seed: UInt64(60 + i))
                let want = bits(convReference(x, g, w, filters: t.f, fused: build.fusedMultiplyAdd))
                var col = [Float](repeating: 0, count: g.patchCount * g.patchSize)
                col.withUnsafeMutableBufferPointer { cp in
                    x.withUnsafeBufferPointer { Im2Col.forward(g, input: $0.baseAddress!, col: cp.baseAddress!) }
                }
                let viaGEMM = gemm(build, .none, .none, m: g.patchCount, n: t.f, k: g.patchSize, a: col, b: w)
                XCTAssertEqual(bits(viaGEMM), want, "\(build), case \(i): im2col + GEMM")
                // A padded stride-1 convolution runs as the valid one of its zero-padded input.
                guard let v = DirectConvolution.validGeometry(g),
                      DirectConvolution.supports(v, filters: t.f, pooled: false) else { continue }
                var input = x
                if v != g {
                    var padded = [Float](repeating: .nan, count: v.batch * v.height * v.width * v.channels)
                    padded.withUnsafeMutableBufferPointer { pp in
                        x.withUnsafeBufferPointer { DirectConvolution.pad(g, input: $0.baseAddress!, into: pp.baseAddress!) }
                    }
                    input = padded
                }
                var direct = [Float](repeating: .nan, count: want.count)
                let zeros = [Float](repeating: 0, count: t.f)
                KernelBuild.capped(at: build) {
                    input.withUnsafeBufferPointer { xp in
                        w.withUnsafeBufferPointer { wp in
                            zeros.withUnsafeBufferPointer { bp in
                                direct.withUnsafeMutableBufferPointer { op in
                                    DirectConvolution.forward(v, input: xp.baseAddress!, kernel: wp.baseAddress!,
                                                              bias: bp.baseAddress!, filters: t.f, relu: false,
                                                              pooled: false, output: op.baseAddress!)
                                }
                            }
                        }
                    }
                }
                XCTAssertEqual(bits(direct), want, "\(build), case \(i): direct kernel")
                // The kernel gradient read straight from the input = colᵀ · dy through GEMM.
                let dy = values(want.count, seed: UInt64(80 + i))
                var dw = [Float](repeating: .nan, count: w.count)
                KernelBuild.capped(at: build) {
                    input.withUnsafeBufferPointer { xp in
                        dy.withUnsafeBufferPointer { dp in
                            dw.withUnsafeMutableBufferPointer { wp in
                                DirectConvolution.kernelGradient(v, input: xp.baseAddress!, outputGradient: dp.baseAddress!,
                                                                 filters: t.f, into: wp.baseAddress!)
                            }
                        }
                    }
                }
                let dwGEMM = gemm(build, .transposed, .none, m: g.patchSize, n: t.f, k: g.patchCount, a: col, b: dy)
                XCTAssertEqual(bits(dw), bits(dwGEMM), "\(build), case \(i): kernel gradient, direct vs GEMM")
                XCTAssertEqual(bits(dwGEMM), bits(reference(.transposed, .none, m: g.patchSize, n: t.f, k: g.patchCount,
                                                            a: col, b: dy, fused: build.fusedMultiplyAdd)),
                               "\(build), case \(i): kernel gradient vs scalar chain")
                // The input gradient gathered without a patch matrix = col2im(dy · wᵀ) through GEMM.
                guard DirectConvolution.supportsInputGradient(g) else { continue }
                let dcol = gemm(build, .none, .transposed, m: g.patchCount, n: g.patchSize, k: t.f, a: dy, b: w)
                var dxGEMM = [Float](repeating: .nan, count: x.count)
                dcol.withUnsafeBufferPointer { cp in
                    dxGEMM.withUnsafeMutableBufferPointer { Im2Col.backward(g, col: cp.baseAddress!, input: $0.baseAddress!) }
                }
                var dx = [Float](repeating: .nan, count: x.count)
                KernelBuild.capped(at: build) {
                    dy.withUnsafeBufferPointer { dp in
                        w.withUnsafeBufferPointer { wp in
                            dx.withUnsafeMutableBufferPointer { xp in
                                DirectConvolution.inputGradient(g, outputGradient: dp.baseAddress!, kernel: wp.baseAddress!,
                                                                filters: t.f, into: xp.baseAddress!)
                            }
                        }
                    }
                }
                XCTAssertEqual(bits(dx), bits(dxGEMM), "\(build), case \(i): input gradient, direct vs GEMM + col2im")
            }
        }
    }

    /// A narrow product (a 10-class head, or a wide product's last columns) reads b in place,
    /// its vectors running on into the next row: b here ends where an unreadable page begins,
    /// so a vector reaching past b's last value would crash the test, not pass unseen.
    func testNarrowColumnsNeverReadPastTheEndOfB() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let shapes: [(m: Int, n: Int, k: Int)] = [(1, 10, 3136), (32, 10, 300), (3, 1, 40), (1, 3, 2), (2, 17, 9),
                                                   (1, 33, 7), (5, 70, 3), (4, 1, 1)]
        for (m, n, k) in shapes {
            let bytes = (k * n * 4 + page - 1) / page * page
            guard let region = mmap(nil, bytes + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  region != MAP_FAILED else { return XCTFail("mmap failed") }
            defer { munmap(region, bytes + page) }
            XCTAssertEqual(mprotect(region + bytes, page, PROT_NONE), 0)
            let b = (region + bytes - k * n * 4).bindMemory(to: Float.self, capacity: k * n)
            let bValues = values(k * n, seed: UInt64(k * n)), a = values(m * k, seed: 17)
            for i in 0..<(k * n) { b[i] = bValues[i] }
            for build in builds() {
                var out = [Float](repeating: .nan, count: m * n)
                KernelBuild.capped(at: build) {
                    a.withUnsafeBufferPointer { ap in
                        out.withUnsafeMutableBufferPointer { cp in
                            GEMM.multiply(.none, .none, m: m, n: n, k: k, a: ap.baseAddress!, aCount: a.count, lda: k,
                                          b: b, bCount: k * n, ldb: n, c: cp.baseAddress!, cCount: cp.count, ldc: n)
                        }
                    }
                }
                XCTAssertEqual(bits(out), bits(reference(.none, .none, m: m, n: n, k: k, a: a, b: bValues,
                                                         fused: build.fusedMultiplyAdd)), "\(build), \(m)×\(n)×\(k)")
            }
        }
    }

    func testTheFMABuildsAgreeWithEachOther() {
        let fma = builds().filter(\.fusedMultiplyAdd)
        guard fma.count > 1 else {
            print("note: only \(fma.map(\.description)) runs here; the AVX-512 / AVX2 comparison needs an AVX-512 CPU")
            return
        }
        let a = values(37 * 300, seed: 7), b = values(300 * 70, seed: 8)
        let results = fma.map { bits(gemm($0, .none, .none, m: 37, n: 70, k: 300, a: a, b: b)) }
        for r in results.dropFirst() { XCTAssertEqual(r, results[0]) }
    }
}

/// The numerics fingerprint is what the gate trusts to say "the same bits": equal for every
/// FMA build this CPU runs, different for the baseline build (no FMA).
final class NumericsFingerprintTests: XCTestCase {
    func testEveryFMABuildHasOneFingerprintAndTheBaselineAnother() {
        let prints = KernelBuild.supported.map { build in (build, KernelBuild.capped(at: build) { NumericsFingerprint.compute() }) }
        let fma = Set(prints.filter { $0.0.fusedMultiplyAdd }.map(\.1))
        XCTAssertEqual(fma.count, 1, "\(prints)")
        if let baseline = prints.first(where: { $0.0 == .baseline }) {
            XCTAssertFalse(fma.contains(baseline.1), "the baseline build's bits differ, so must its fingerprint")
        }
        XCTAssertEqual(NumericsFingerprint.compute().count, 16)
    }
}
