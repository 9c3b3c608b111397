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

    /// LeNet-5 (average pooling) trains like the other suite models, and `lepton profile`
    /// times its pooling layers.
    func testLeNet5TrainsAndItsPoolingShowsInTheProfile() throws {
        let r = try LeptonProcess.run(["bench", "--model", "lenet5", "--dataset", "fashion-mnist", "--epochs", "1",
                                       "--train-samples", "96", "--batch-size", "32", "--gemm-size", "0", "--threads", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["model"] as? String, "lenet5")
        XCTAssertEqual(json["parameters"] as? Int, 44426)
        let p = try LeptonProcess.run(["profile", "--model", "lenet5", "--repeats", "2", "--batch-size", "8"])
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertTrue(p.stdout.contains("average_pooling2d "), p.stdout)
        XCTAssertTrue(p.stdout.contains("average_pooling2d_1 "), p.stdout)
    }

    /// 004 §5.2's regressor on the sensor data: MSE, batch 32, the time-ordered split of
    /// seattle-weather (1095 training days), scored by test MSE and R² instead of accuracy.
    func testTheSensorRegressorTrainsOnTheSensorDataWithMSE() throws {
        let r = try LeptonProcess.run(["bench", "--model", "sensor-regressor", "--epochs", "10", "--gemm-size", "0", "--threads", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["dataset"] as? String, "seattle-weather")
        XCTAssertEqual(json["batch_size"] as? Int, 32)
        XCTAssertEqual(json["train_samples"] as? Int, 1095)
        XCTAssertEqual(json["parameters"] as? Int, 64 * 4 + 32 * 65 + 33)
        let mse = try XCTUnwrap(json["test_mse"] as? Double), loss = try XCTUnwrap(json["test_loss"] as? Double)
        XCTAssertEqual(mse, loss, accuracy: 1e-4 * loss, "the MSE loss on the test days is the test MSE")
        let r2 = try XCTUnwrap(json["test_r2"] as? Double)
        XCTAssertGreaterThan(r2, 0.5, "ten epochs predict the maximum temperature far better than the mean")
        XCTAssertLessThanOrEqual(r2, 1)
        XCTAssertTrue(r.stderr.contains("test_mse"), r.stderr)
    }

    func testARegressorOnImageDataIsRefusedNamingTheDataSet() throws {
        let r = try LeptonProcess.run(["bench", "--model", "sensor-regressor", "--dataset", "digits", "--epochs", "1", "--gemm-size", "0"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("'digits'"), r.stderr)
        let t = try LeptonProcess.run(["train", "--model", "sensor-regressor"])
        XCTAssertNotEqual(t.status, 0)
        XCTAssertTrue(t.stderr.contains("sensor-regressor is a regressor"), t.stderr)
    }

    func testANegativeSampleCountIsRefused() throws {
        let r = try LeptonProcess.run(["bench", "--train-samples=-5", "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--train-samples"), r.stderr)
        XCTAssertTrue(r.stderr.contains("-5"), r.stderr)
    }
}
