import Foundation
import LeptonData
import XCTest

/// End-to-end checks of `lepton train` through the real executable: results, determinism
/// and every kind of bad input.
final class TrainCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("cli")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Two runs with the same seed and threads save byte-identical weights (same SHA-256);
    /// a third with another seed does not.
    func testSameSeedSameWeightsHash() throws {
        var hashes: [String] = []
        for (i, seed) in ["3", "3", "4"].enumerated() {
            let path = dir.appendingPathComponent("w\(i).safetensors")
            let r = try LeptonProcess.run(["train", "--dataset", "digits", "--epochs", "2", "--seed", seed, "--threads", "2",
                                           "--save", path.path, "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            hashes.append(try SHA256.hexDigest(ofFile: path))
        }
        XCTAssertEqual(hashes[0], hashes[1])
        XCTAssertNotEqual(hashes[0], hashes[2])
    }

    func testJSONHasTheDocumentedFields() throws {
        let r = try LeptonProcess.run(["train", "--dataset", "digits", "--epochs", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["test_accuracy", "test_loss", "epoch_seconds", "parameters", "seed", "threads", "per_class_recall", "confusion_matrix"] {
            XCTAssertNotNil(object[key], "missing \(key)")
        }
        XCTAssertEqual((object["epoch_seconds"] as? [Double])?.count, 3)
        XCTAssertEqual(object["parameters"] as? Int, 19466)
        XCTAssertGreaterThan(object["test_accuracy"] as? Double ?? 0, 0.5)
    }

    func testUnknownModelAndDataset() throws {
        let m = try LeptonProcess.run(["train", "--model", "resnet50"])
        XCTAssertNotEqual(m.status, 0)
        XCTAssertTrue(m.stderr.contains("unknown model 'resnet50'") && m.stderr.contains("seed-cnn"), m.stderr)
        let d = try LeptonProcess.run(["train", "--dataset", "cifar"])
        XCTAssertNotEqual(d.status, 0)
        XCTAssertTrue(d.stderr.contains("cifar") && d.stderr.contains("fashion-mnist"), d.stderr)
    }

    func testModelThatDoesNotFitTheInputNamesTheLayer() throws {
        let r = try LeptonProcess.run(["train", "--model", "conv3", "--dataset", "digits", "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("layer 3 'max_pooling2d_1'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1×1×64"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
    }

    // MARK: corrupt IDX folders

    /// Writes a small valid IDX set (20 train, 10 test images of 4×4) into a folder.
    private func writeIDX(_ folder: URL, trainLabels: Int = 20) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func images(_ n: Int) -> IDXFile { IDXFile(dimensions: [n, 4, 4], elements: (0..<(n * 16)).map { UInt8($0 % 251) }) }
        func labels(_ n: Int) -> IDXFile { IDXFile(dimensions: [n], elements: (0..<n).map { UInt8($0 % 10) }) }
        try images(20).write(to: folder.appendingPathComponent("train-images-idx3-ubyte.gz"), compressed: true)
        try labels(trainLabels).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"), compressed: true)
        try images(10).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte.gz"), compressed: true)
        try labels(10).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"), compressed: true)
    }

    func testValidIDXFolderTrains() throws {
        let folder = dir.appendingPathComponent("ok")
        try writeIDX(folder)
        let r = try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testTruncatedIDXFile() throws {
        let folder = dir.appendingPathComponent("trunc")
        try writeIDX(folder)
        let file = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
        try Data(IDXFile(dimensions: [20, 4, 4], elements: Array(repeating: 1, count: 320)).encoded().prefix(100)).write(to: file)
        let r = try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("train-images-idx3-ubyte.gz"), r.stderr)
        XCTAssertTrue(r.stderr.contains("320"), "names the expected byte count: \(r.stderr)")
    }

    func testWrongMagic() throws {
        let folder = dir.appendingPathComponent("magic")
        try writeIDX(folder)
        var bytes = IDXFile(dimensions: [10], elements: Array(repeating: 1, count: 10)).encoded()
        bytes[0] = 0x12
        try Data(bytes).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        let r = try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("t10k-labels-idx1-ubyte.gz") && r.stderr.lowercased().contains("magic"), r.stderr)
    }

    func testWrongCount() throws {
        let folder = dir.appendingPathComponent("count")
        try writeIDX(folder, trainLabels: 19)
        let r = try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("20") && r.stderr.contains("19"), r.stderr)
        XCTAssertTrue(r.stderr.contains("train-labels-idx1-ubyte.gz"), r.stderr)
    }

    func testChecksumMismatchOfTheEmbeddedSet() throws {
        // A copy of the Datasets folder whose digits file has one byte changed.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets")
        let copy = dir.appendingPathComponent("Datasets")
        try FileManager.default.copyItem(at: source, to: copy)
        let file = copy.appendingPathComponent("digits/digits.csv.gz")
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: file)
        let r = try LeptonProcess.run(["train", "--dataset", "digits", "--epochs", "1"], environment: ["LEPTON_DATASETS": copy.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("digits.csv.gz"), r.stderr)
        XCTAssertTrue(r.stderr.contains("46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"), "expected checksum: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(try SHA256.hexDigest(ofFile: file)), "found checksum: \(r.stderr)")
    }

    func testBadParameterValues() throws {
        for args in [["--epochs", "0"], ["--batch-size", "-3"], ["--optimizer", "rmsprop"], ["--learning-rate", "-1"],
                     ["--validation-split", "1.5"]] {
            let r = try LeptonProcess.run(["train"] + args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(args[0]) || r.stderr.contains(args[1]), "\(args): \(r.stderr)")
        }
    }
}

/// `lepton datasets list` lists both catalogues: image data sets and tabular ones.
final class DatasetsListTests: XCTestCase {
    func testListShowsImageAndTabularDataSets() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path), "lepton not built")
        let r = try LeptonProcess.run(["datasets", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("digits"), r.stdout)
        let tabular = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("seattle-weather:") }, r.stdout)
        XCTAssertTrue(tabular.contains("→ temp_max") && tabular.contains("present"), String(tabular))
    }
}
