import Foundation
import XCTest

/// `lepton bench` as the model-shape suite (scripts/bench-suite.sh) runs it: a suite model,
/// trained on the first N training samples.
final class BenchCommandTests: XCTestCase {
    func testTrainsASuiteModelOnTheFirstSamples() throws {
        let r = try LeptonProcess.run(["bench", "--model", "same3", "--dataset", "digits", "--epochs", "1",
                                       "--train-samples", "96", "--batch-size", "32", "--gemm-size", "0", "--threads", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["train_samples"] as? Int, 96)
        XCTAssertEqual(json["model"] as? String, "same3")
        XCTAssertNotNil(json["lepton_kernels"] as? String)
    }

    func testANegativeSampleCountIsRefused() throws {
        let r = try LeptonProcess.run(["bench", "--train-samples=-5", "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--train-samples"), r.stderr)
        XCTAssertTrue(r.stderr.contains("-5"), r.stderr)
    }
}
