/// Elementary functions — exp, log, pow, sin, cos, tanh — computed by a fixed sequence of
/// IEEE-754 double operations, so every CPU gives the same bits.
///
/// The C library's versions are free to differ between machines: glibc picks an FMA or an
/// SSE2 variant of `exp`, `log`, `pow`, `sin` and `cos` by CPU (ifunc), other libms use other
/// polynomials, and none promises correct rounding. Lepton's numerics promise the same bits
/// for the same seed on every supported CPU (docs/ARCHITECTURE.md, "Numerics"), so every
/// transcendental that reaches a result — softmax, sigmoid and tanh, the cross-entropy loss,
/// Adam's bias correction, Box–Muller normals, exponential arrival times, Dirichlet draws —
/// goes through this type instead.
///
/// Method (as in fdlibm): Cody–Waite argument reduction by ln 2 or π/2 with constants split
/// so that the reduction is exact, then a truncated Taylor series evaluated by Horner's rule
/// in plain double arithmetic (Swift never fuses a multiply and an add on its own). Accuracy:
/// within 2 ulp of the true value for `exp`, `log`, `sin` and `cos` over the ranges Lepton
/// uses (tested against the C library); `Float` versions round the double result once.
public enum PortableMath {
    // ln 2 split so that k · ln2Hi is exact for |k| < 2^20 (ln2Hi has 32 significant bits).
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let invLn2 = 1.44269504088896338700e+00
    private static let sqrt2 = 1.41421356237309514547e+00

    /// e^x. Overflows to +∞ above 709.78, underflows to 0 below −745.13; NaN stays NaN.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893383973096 { return .infinity }
        if x < -745.133219101941108420 { return 0 }
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo                 // |r| ≤ ln 2 / 2 (plus rounding)
        // e^r = Σ r^i / i!, i ≤ 13: the first term left out is below 2^-60 · e^r.
        var p = 1.0 / 6227020800.0
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        return scale(p, by: Int(k))
    }

    /// y · 2^n, exactly where the result is normal (two steps near the ends of the range).
    private static func scale(_ y: Double, by n: Int) -> Double {
        if n > 1023 { return y * Double(sign: .plus, exponent: 1023, significand: 1) * Double(sign: .plus, exponent: n - 1023, significand: 1) }
        if n < -1022 { return y * Double(sign: .plus, exponent: n + 1000, significand: 1) * Double(sign: .plus, exponent: -1000, significand: 1) }
        return y * Double(sign: .plus, exponent: n, significand: 1)
    }

    /// The natural logarithm: −∞ at 0, NaN below 0 or for NaN, +∞ at +∞.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var e = Int(x.exponent)
        var m = x.significand                               // [1, 2), exact (subnormals too)
        if m > sqrt2 { m *= 0.5; e += 1 }                   // [√2/2, √2]
        let f = m - 1                                       // exact (Sterbenz)
        let s = f / (2 + f), z = s * s                      // |s| ≤ 0.1716, z ≤ 0.0295
        // log(m) = 2·atanh(s) = 2s·Σ z^i / (2i + 1), i ≤ 11: the rest is below 2^-62.
        var q = 1.0 / 23.0
        q = q * z + 1.0 / 21.0
        q = q * z + 1.0 / 19.0
        q = q * z + 1.0 / 17.0
        q = q * z + 1.0 / 15.0
        q = q * z + 1.0 / 13.0
        q = q * z + 1.0 / 11.0
        q = q * z + 1.0 / 9.0
        q = q * z + 1.0 / 7.0
        q = q * z + 1.0 / 5.0
        q = q * z + 1.0 / 3.0
        let logm = f - s * (f - 2 * q * z)                 // 2s(1 + zq) = f − s(f − 2zq), as 2s = f − sf
        let de = Double(e)
        return de * ln2Hi + (logm + de * ln2Lo)
    }

    /// The base-10 logarithm, log(x) / ln 10.
    public static func log10(_ x: Double) -> Double { log(x) / 2.30258509299404568402 }

    /// 10^e for an integer e, by exact multiplication (10^0 … 10^22 are exact doubles) and,
    /// for e < 0, one correctly rounded division 1 / 10^−e: the value the C library's
    /// `pow(10, e)` gives when it rounds correctly, with no library involved. |e| ≤ 308.
    public static func powerOfTen(_ e: Int) -> Double {
        if e < 0 { return 1 / powerOfTen(-e) }
        var p = 1.0
        for _ in 0..<min(e, 309) { p *= 10 }
        return p
    }

    /// ⌊log₁₀ x⌋ for a finite x > 0: the integer e with 10^e ≤ x < 10^(e+1), found by
    /// comparing x with ``powerOfTen(_:)`` (exact where `log10(x).rounded(.down)` can round
    /// up just below a power of ten). 0 for x ≤ 0, NaN or ∞.
    public static func decimalExponent(_ x: Double) -> Int {
        guard x > 0, x.isFinite else { return 0 }
        var e = 0
        while e < 308, powerOfTen(e + 1) <= x { e += 1 }
        while e > -323, powerOfTen(e) > x { e -= 1 }
        return e
    }

    /// x^y with the C library's special cases for zero, one, infinities and negative x with
    /// an integer y; otherwise e^(y · log x).
    public static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 { return y > 0 ? 0 : .infinity }
        if x < 0 {
            guard y == y.rounded(.towardZero) else { return .nan }
            let odd = abs(y) < 9007199254740992 && Int64(y) & 1 == 1
            let v = pow(-x, y)
            return odd ? -v : v
        }
        if x == .infinity { return y > 0 ? .infinity : 0 }
        return exp(y * log(x))
    }

    // π/2 in three pieces (fdlibm's pio2_1, pio2_2, pio2_3): n · the first two is exact for |n| < 2^20.
    private static let pio2Hi = 1.57079632673412561417e+00
    private static let pio2Mid = 6.07710050630396597660e-11
    private static let pio2Lo = 2.02226624879595063154e-21
    private static let invPio2 = 6.36619772367581382433e-01

    /// x reduced by π/2: x = n·π/2 + r, |r| ≤ π/4 (exact reduction for |x| < 2^19 · π/2).
    private static func reduce(_ x: Double) -> (n: Int, r: Double) {
        let n = (x * invPio2).rounded(.toNearestOrEven)
        return (Int(n) & 3, ((x - n * pio2Hi) - n * pio2Mid) - n * pio2Lo)
    }

    private static func sinKernel(_ r: Double) -> Double {      // |r| ≤ π/4, to r^17
        let z = r * r
        var p = 1.0 / 355687428096000.0
        p = p * z - 1.0 / 1307674368000.0
        p = p * z + 1.0 / 6227020800.0
        p = p * z - 1.0 / 39916800.0
        p = p * z + 1.0 / 362880.0
        p = p * z - 1.0 / 5040.0
        p = p * z + 1.0 / 120.0
        p = p * z - 1.0 / 6.0
        return r + r * z * p
    }

    private static func cosKernel(_ r: Double) -> Double {      // |r| ≤ π/4, to r^18
        let z = r * r
        var p = 1.0 / 6402373705728000.0
        p = p * z - 1.0 / 20922789888000.0
        p = p * z + 1.0 / 87178291200.0
        p = p * z - 1.0 / 479001600.0
        p = p * z + 1.0 / 3628800.0
        p = p * z - 1.0 / 40320.0
        p = p * z + 1.0 / 720.0
        p = p * z - 1.0 / 24.0
        p = p * z + 0.5
        return 1 - z * p
    }

    /// The sine of x radians (NaN for ±∞ and NaN).
    public static func sin(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let (n, r) = reduce(x)
        switch n {
        case 0: return sinKernel(r)
        case 1: return cosKernel(r)
        case 2: return -sinKernel(r)
        default: return -cosKernel(r)
        }
    }

    /// The cosine of x radians (NaN for ±∞ and NaN).
    public static func cos(_ x: Double) -> Double {
        guard x.isFinite else { return .nan }
        let (n, r) = reduce(x)
        switch n {
        case 0: return cosKernel(r)
        case 1: return -sinKernel(r)
        case 2: return -cosKernel(r)
        default: return sinKernel(r)
        }
    }

    /// e^x in single precision: the double result rounded once.
    public static func exp(_ x: Float) -> Float { Float(exp(Double(x))) }

    /// The natural logarithm in single precision: the double result rounded once.
    public static func log(_ x: Float) -> Float { Float(log(Double(x))) }

    /// tanh(x) in single precision, from e^(2|x|) in double: x itself below 2^-13 (where
    /// tanh(x) rounds to x), ±1 beyond 9.1 (where it rounds to ±1).
    public static func tanh(_ x: Float) -> Float {
        let ax = Double(abs(x))
        if x.isNaN { return x }
        if ax < 0x1p-13 { return x }
        if ax > 9.1 { return x < 0 ? -1 : 1 }
        let e = exp(2 * ax)
        let t = Float((e - 1) / (e + 1))
        return x < 0 ? -t : t
    }

    /// 1 / (1 + e^(−x)) in single precision, stable in both tails.
    public static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return Float(1 / (1 + exp(-Double(x)))) }
        let e = exp(Double(x))
        return Float(e / (1 + e))
    }
}
