import XCTest
import LeptonCore
#if canImport(Glibc)
import Glibc
#endif

/// PortableMath: close to the C library (≤ 2 ulp where both are accurate) and — what matters
/// for "the same numbers everywhere" — pinned bits: a digest of its outputs over fixed
/// arguments, committed here, that every CPU must reproduce.
final class PortableMathTests: XCTestCase {
    private func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / max(a.ulp, b.ulp)
    }

    private var arguments: [Double] {
        var rng = SeededGenerator(seed: 2026)
        return (0..<4000).map { _ in (rng.nextUnitDouble() * 2 - 1) * 40 } + [0, -0.0, 1, -1, 0.5, 1e-300, 700, -700, 2.5e-8]
    }

    func testExpLogPowSinCosAreWithinTwoUlpOfTheCLibrary() {
        for x in arguments {
            XCTAssertLessThanOrEqual(ulps(PortableMath.exp(x), Glibc.exp(x)), 2, "exp(\(x))")
            let y = abs(x) + 1e-3
            XCTAssertLessThanOrEqual(ulps(PortableMath.log(y), Glibc.log(y)), 2, "log(\(y))")
            XCTAssertLessThanOrEqual(ulps(PortableMath.log(x * x * 1e-290 + 1e-310), Glibc.log(x * x * 1e-290 + 1e-310)), 2,
                                     "log of a tiny or subnormal value")
            let u = abs(x) / 40 * 2 * Double.pi
            XCTAssertEqual(PortableMath.sin(u), Glibc.sin(u), accuracy: 2 * Double.ulpOfOne, "sin(\(u))")
            XCTAssertEqual(PortableMath.cos(u), Glibc.cos(u), accuracy: 2 * Double.ulpOfOne, "cos(\(u))")
            XCTAssertLessThanOrEqual(ulps(PortableMath.pow(y, 0.37), Glibc.pow(y, 0.37)), 8, "pow(\(y), 0.37)")
            let f = Float(x / 4)
            XCTAssertEqual(PortableMath.tanh(f), Glibc.tanhf(f), accuracy: 2 * max(abs(f), 1e-30).ulp + 1e-7, "tanh(\(f))")
            if abs(f) < 80 { XCTAssertLessThanOrEqual(abs(PortableMath.exp(f) - Glibc.expf(f)), PortableMath.exp(f).ulp, "expf(\(f))") }
        }
    }

    func testSpecialValues() {
        XCTAssertEqual(PortableMath.exp(0.0 as Double), 1)
        XCTAssertEqual(PortableMath.exp(710.0 as Double), Double.infinity)
        XCTAssertEqual(PortableMath.exp(-746.0 as Double), 0)
        XCTAssertTrue(PortableMath.exp(Double.nan).isNaN)
        XCTAssertEqual(PortableMath.log(1.0 as Double), 0)
        XCTAssertEqual(PortableMath.log(0.0 as Double), -Double.infinity)
        XCTAssertTrue(PortableMath.log(-1.0 as Double).isNaN)
        XCTAssertEqual(PortableMath.pow(-2, 3), -8, accuracy: 1e-14)
        XCTAssertTrue(PortableMath.pow(-2, 0.5).isNaN)
        XCTAssertEqual(PortableMath.pow(0, 2), 0)
        XCTAssertEqual(PortableMath.pow(5, 0), 1)
        XCTAssertEqual(PortableMath.tanh(20), 1)
        XCTAssertEqual(PortableMath.tanh(-20), -1)
        XCTAssertEqual(PortableMath.sigmoid(0), 0.5)
    }

    /// The bits of every function over fixed arguments, folded into one FNV-1a digest. This
    /// value was recorded when PortableMath was written; a CPU, compiler or code change that
    /// alters a single bit fails here (and would change every trained weight).
    func testPinnedBits() {
        var h: UInt64 = 0xcbf29ce484222325
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x100000001b3 }
        for x in arguments {
            mix(PortableMath.exp(x).bitPattern)
            mix(PortableMath.log(abs(x) + 1e-3).bitPattern)
            mix(PortableMath.sin(x).bitPattern)
            mix(PortableMath.cos(x).bitPattern)
            mix(PortableMath.pow(abs(x) + 1e-3, -1.7).bitPattern)
            mix(UInt64(PortableMath.tanh(Float(x / 4)).bitPattern))
            mix(UInt64(PortableMath.sigmoid(Float(x)).bitPattern))
        }
        XCTAssertEqual(String(h, radix: 16), PortableMathTests.pinned)
    }

    static let pinned = "f406a5aea30a0851"

    /// Powers of ten and decimal exponents without the C library (chart ticks, labels): the
    /// correctly rounded value, and ⌊log₁₀ x⌋ exactly — also just below a power of ten,
    /// where `log10(x).rounded(.down)` rounds up.
    func testPowersOfTenAndDecimalExponents() {
        for e in 0...22 { XCTAssertEqual(PortableMath.powerOfTen(e), Double("1e\(e)")!, "10^\(e)") }
        for e in 1...22 { XCTAssertEqual(PortableMath.powerOfTen(-e), Double("1e-\(e)")!, "10^-\(e)") }
        XCTAssertEqual(PortableMath.decimalExponent(1), 0)
        XCTAssertEqual(PortableMath.decimalExponent(9.999), 0)
        XCTAssertEqual(PortableMath.decimalExponent(10), 1)
        XCTAssertEqual(PortableMath.decimalExponent(0.001), -3)
        XCTAssertEqual(PortableMath.decimalExponent(0.00099999), -4)
        XCTAssertEqual(PortableMath.decimalExponent(123_456), 5)
        let below = 1000.0.nextDown
        XCTAssertEqual(PortableMath.decimalExponent(below), 2, "\(below) < 10³")
        XCTAssertEqual(PortableMath.decimalExponent(0), 0)
        XCTAssertEqual(PortableMath.decimalExponent(.nan), 0)
        XCTAssertEqual(PortableMath.decimalExponent(.infinity), 0)
    }
}
