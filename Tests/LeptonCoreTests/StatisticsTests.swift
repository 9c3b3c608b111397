import Foundation
import LeptonCore
import XCTest

/// The one percentile rule (NumPy's default, linear interpolation between closest ranks),
/// its median, and the nearest rank for simulated latencies.
final class StatisticsTests: XCTestCase {
    func testPercentilesInterpolateBetweenClosestRanksAsNumPyDoes() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
        let values: [Double] = [4, 1, 3, 2]
        XCTAssertEqual(Statistics.percentile(of: values, 0), 1)
        XCTAssertEqual(Statistics.percentile(of: values, 25), 1.75)
        XCTAssertEqual(Statistics.percentile(of: values, 90), 3.7, accuracy: 1e-12)
        XCTAssertEqual(Statistics.percentile(of: values, 100), 4)
        XCTAssertEqual(Statistics.median(values), 2.5)
        XCTAssertEqual(Statistics.median([5, 1, 3]), 3)
        XCTAssertTrue(Statistics.median([]).isNaN, "no values: NaN, not 0")
        XCTAssertTrue(Statistics.percentile([], 50).isNaN)
    }

    func testNearestRankIsComputedInIntegers() {
        XCTAssertEqual(Statistics.nearestRank(percent: 95, count: 20), 19, "0.95 · 20 is exactly 19")
        XCTAssertEqual(Statistics.nearestRank(percent: 99, count: 20), 20)
        XCTAssertEqual(Statistics.nearestRank(percent: 50, count: 5), 3)
        XCTAssertEqual(Statistics.nearestRank(percent: 0, count: 5), 1, "at least rank 1")
    }
}

/// Numbers as people read them: NaN and infinities spelt one way everywhere.
final class NumberFormatTests: XCTestCase {
    func testNonFiniteValuesReadTheSameInEveryFormat() {
        let formats: [(Double) -> String] = [{ NumberFormat.fixed($0, 4) }, { NumberFormat.significant($0) }, NumberFormat.general]
        for format in formats {
            XCTAssertEqual(format(.nan), "NaN")
            XCTAssertEqual(format(.infinity), "∞")
            XCTAssertEqual(format(-.infinity), "−∞")
        }
        XCTAssertEqual(NumberFormat.fixed(0.93125, 4), "0.9313")
        XCTAssertEqual(NumberFormat.significant(1234567, 4), "1.235e+06")
        XCTAssertEqual(NumberFormat.general(42), "42")
        XCTAssertEqual(NumberFormat.general(0.000123), "1.230e-04")
    }
}

/// Subprocess: output captured or filed, errors merged, status kept, a missing program named.
final class SubprocessTests: XCTestCase {
    func testRunCapturesOutputAndStatusAndMergesErrors() throws {
        let sh = URL(fileURLWithPath: "/bin/sh")
        let done = try Subprocess.run(sh, arguments: ["-c", "echo out; echo err >&2; exit 3"], errors: .withOutput)
        XCTAssertEqual(done.status, 3)
        XCTAssertFalse(done.succeeded)
        XCTAssertTrue(done.output.contains("out") && done.output.contains("err"), done.output)
        let quiet = try Subprocess.run(sh, arguments: ["-c", "echo out; echo err >&2"])
        XCTAssertEqual(quiet.output, "out\n", "standard error is discarded by default")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let filed = try Subprocess.run(sh, arguments: ["-c", "echo filed"], output: .file(file))
        XCTAssertEqual(filed.output, "filed\n")
        XCTAssertThrowsError(try Subprocess.run(URL(fileURLWithPath: "/no/such/program"), arguments: [])) { error in
            XCTAssertTrue("\(error)".contains("/no/such/program"), "\(error)")
        }
        XCTAssertNotNil(Subprocess.locate("sh"))
        XCTAssertNil(Subprocess.locate("no-such-program-anywhere"))
    }
}
