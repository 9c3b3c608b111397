import XCTest
import LeptonCore
import LeptonTensor

/// Lepton's own dense product (inference): right against a Double reference, the same bits
/// for a sample alone and inside a batch, and the same bits from the AVX-512 and 8-lane
/// builds; widths it does not take are left to BLAS.
final class DenseKernelTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in rng.uniform(-1, 1) }
    }

    private func product(_ x: [Float], rows: Int, inputs: Int, _ w: [Float], units: Int) -> [Float]? {
        var y = [Float](repeating: .nan, count: rows * units)
        let done = x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                y.withUnsafeMutableBufferPointer { yp in
                    DenseKernel.product(xp.baseAddress!, rows: rows, inputs: inputs, kernel: wp.baseAddress!,
                                        units: units, into: yp.baseAddress!)
                }
            }
        }
        return done ? y : nil
    }

    func testMatchesTheReferenceAndGivesTheSameBitsAtEveryBatchSize() throws {
        // 5408 → 64 is the seed CNN's dense layer; 300 is not a multiple of the 256-row block;
        // 40 units leave a block of fewer than 64 columns.
        for (inputs, units) in [(5408, 64), (300, 40), (7, 16), (128, 8)] {
            let rows = 13
            let x = values(rows * inputs, seed: 1), w = values(inputs * units, seed: 2)
            let y = try XCTUnwrap(product(x, rows: rows, inputs: inputs, w, units: units))
            for r in 0..<rows {
                for u in 0..<units {
                    var ref = 0.0
                    for k in 0..<inputs { ref += Double(x[r * inputs + k]) * Double(w[k * units + u]) }
                    XCTAssertEqual(Double(y[r * units + u]), ref, accuracy: 1e-4 * max(1, abs(ref)), "\(inputs)→\(units) [\(r), \(u)]")
                }
                let alone = try XCTUnwrap(product(Array(x[(r * inputs)..<((r + 1) * inputs)]), rows: 1, inputs: inputs, w, units: units))
                XCTAssertEqual(alone.map(\.bitPattern), y[(r * units)..<((r + 1) * units)].map(\.bitPattern),
                               "\(inputs)→\(units): row \(r) alone differs from inside the batch")
            }
            DirectConvolution.forcesPortableKernels = true
            let portable = try XCTUnwrap(product(x, rows: rows, inputs: inputs, w, units: units))
            DirectConvolution.forcesPortableKernels = false
            XCTAssertEqual(portable.map(\.bitPattern), y.map(\.bitPattern), "\(inputs)→\(units): 8-lane build differs")
        }
    }

    func testWidthsThatAreNotAMultipleOfEightAreLeftToBLAS() {
        let x = values(4 * 10, seed: 3), w = values(10 * 10, seed: 4)
        XCTAssertNil(product(x, rows: 4, inputs: 10, w, units: 10))
    }
}
