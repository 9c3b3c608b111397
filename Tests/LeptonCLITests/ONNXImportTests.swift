import Foundation
import XCTest

/// ONNX import through the real executable: the seed CNN exported from PyTorch
/// (scripts/onnx/export-seed-cnn.py) against ONNX Runtime's outputs, and refusals.
final class ONNXImportTests: XCTestCase {
    private var dir: URL!
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("onnx")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Acceptance: predictions on 1,000 Fashion-MNIST test images agree with ONNX Runtime's to 1e-4.
    func testSeedCNNFromPyTorchAgreesWithONNXRuntime() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"),
                          "Debian's dataset-fashion-mnist is not installed")
        let model = fixtures.appendingPathComponent("seed-cnn.onnx").path
        let r = try LeptonProcess.run(["predict", model, "--dataset", "fashion-mnist", "--first", "1000", "--top", "10", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let ours = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let predictions = try XCTUnwrap(ours["predictions"] as? [[String: Any]])
        let reference = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(contentsOf: fixtures.appendingPathComponent("seed-cnn-ort.json"))) as? [String: Any])
        let expected = try XCTUnwrap(reference["probabilities"] as? [[Double]])
        XCTAssertEqual(predictions.count, 1000)
        XCTAssertEqual(expected.count, 1000)
        var worst = 0.0
        for (p, e) in zip(predictions, expected) {
            let top = try XCTUnwrap(p["top"] as? [[String: Any]])
            XCTAssertEqual(top.count, 10)
            for entry in top {
                let index = try XCTUnwrap(entry["index"] as? Int), probability = try XCTUnwrap(entry["probability"] as? Double)
                worst = max(worst, abs(probability - e[index]))
            }
        }
        XCTAssertLessThanOrEqual(worst, 1e-4, "largest difference from ONNX Runtime: \(worst)")

        let evaluation = try LeptonProcess.run(["evaluate", model, "--dataset", "fashion-mnist", "--json"])
        XCTAssertEqual(evaluation.status, 0, evaluation.stderr)
        let accuracy = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as? [String: Any])?["accuracy"] as? Double)
        XCTAssertGreaterThan(accuracy, 0.8, "one epoch of the seed CNN on Fashion-MNIST")
    }

    // MARK: - A hand-made ONNX file with an operator Lepton does not have

    private func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] { varint(UInt64(number << 3 | 2)) + varint(UInt64(payload.count)) + payload }
    private func field(_ number: Int, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }
    private func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat { out.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0)); v >>= 7 } while v > 0
        return out
    }

    func testUnsupportedOperatorIsRefusedWithNodeNameAndOperator() throws {
        let dim = { (n: Int) in self.field(1, self.varint(UInt64(8)) + self.varint(UInt64(n))) }  // dim_value (field 1, varint)
        let shape = field(2, dim(1) + dim(4))
        let input = field(11, field(1, "x") + field(2, field(1, shape)))
        let node = field(1, field(1, "x") + field(2, "y") + field(3, "my_rnn") + field(4, "LSTM"))
        let model = field(7, node + input)
        let url = dir.appendingPathComponent("lstm.onnx")
        try Data(model).write(to: url)
        let r = try LeptonProcess.run(["evaluate", url.path, "--dataset", "digits"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(url.path): node 'my_rnn' uses operator LSTM, which Lepton cannot import"), r.stderr)
        try Data([0x3A, 0x05, 0x0A]).write(to: url)
        let broken = try LeptonProcess.run(["evaluate", url.path, "--dataset", "digits"])
        XCTAssertTrue(broken.stderr.contains("\(url.path): cannot import the model: protobuf error"), broken.stderr)
    }
}
