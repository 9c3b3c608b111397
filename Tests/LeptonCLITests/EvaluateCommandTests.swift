import Foundation
import LeptonData
import XCTest

/// `lepton evaluate`, `lepton predict`, divergence warnings of `lepton train` and data
/// folders as users have them, through the real executable.
final class EvaluateCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("evaluate")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private func json(_ r: LeptonProcess.Result) throws -> [String: Any] {
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }

    /// The accuracy and loss `lepton evaluate` computes from the saved file equal, bit for bit,
    /// the test accuracy and loss `lepton train` printed, for two models.
    func testEvaluateReproducesTheAccuracyTrainPrinted() throws {
        for model in ["mlp", "seed-cnn"] {
            let file = dir.appendingPathComponent("\(model).safetensors").path
            let train = try json(try LeptonProcess.run(["train", "--model", model, "--dataset", "digits", "--epochs", "2",
                                                        "--save", file, "--json"]))
            let eval = try json(try LeptonProcess.run(["evaluate", file, "--json"]))
            XCTAssertEqual(eval["accuracy"] as? Double, train["test_accuracy"] as? Double, model)
            XCTAssertEqual(eval["loss"] as? Double, train["test_loss"] as? Double, model)
            XCTAssertEqual(eval["confusion_matrix"] as? [[Int]], train["confusion_matrix"] as? [[Int]], model)
            let text = try LeptonProcess.run(["evaluate", file])
            let printed = try XCTUnwrap(try LeptonProcess.run(["train", "--model", model, "--dataset", "digits", "--epochs", "2"])
                .stdout.split(separator: "\n").first)
            XCTAssertEqual(text.stdout.split(separator: "\n").first, printed, "the same first line as train's")
        }
    }

    func testEvaluateRefusesAFileWithoutMetadataAndDataOfAnotherShape() throws {
        let file = dir.appendingPathComponent("m.safetensors")
        _ = try json(try LeptonProcess.run(["train", "--model", "mlp", "--epochs", "1", "--save", file.path, "--json"]))
        let header = Array(#"{"dense.bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8)
        let broken = dir.appendingPathComponent("broken.safetensors")
        try Data([UInt8(header.count), 0, 0, 0, 0, 0, 0, 0] + header + [0, 0, 0, 0]).write(to: broken)
        let r = try LeptonProcess.run(["evaluate", broken.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(broken.path): __metadata__ has no 'model'"), r.stderr)
        let folder = dir.appendingPathComponent("wide")
        try writeIDX(folder, side: 5, trainLabels: (0..<20).map { UInt8($0 % 10) }, testLabels: (0..<10).map { UInt8($0) })
        let wrongShape = try LeptonProcess.run(["evaluate", file.path, "--dataset", folder.path])
        XCTAssertNotEqual(wrongShape.status, 0)
        XCTAssertTrue(wrongShape.stderr.contains("samples are 5×5×1 but the model expects 8×8×1"), wrongShape.stderr)
    }

    /// A PGM and a PNG of a test image give the prediction `--dataset` gives for that sample.
    func testPredictImageFilesAgreeWithTheDataSet() throws {
        let file = dir.appendingPathComponent("cnn.safetensors").path
        _ = try json(try LeptonProcess.run(["train", "--model", "seed-cnn", "--epochs", "3", "--save", file, "--json"]))
        let digits = try DatasetCatalogue.load(name: "digits")
        let sample = digits.test.image(at: 0).map { UInt8(($0 * 16).rounded()) }  // the digits' pixels are 0…16
        let pgm = dir.appendingPathComponent("d.pgm")
        try Data(Array("P5\n# digit\n8 8\n16\n".utf8) + sample).write(to: pgm)
        let grey = sample.map { UInt8(Int($0) * 255 / 16) }
        let png = dir.appendingPathComponent("d.png")
        try Data(TinyPNG.grey(width: 8, height: 8, pixels: grey)).write(to: png)
        let pgm255 = dir.appendingPathComponent("d255.pgm")
        try Data(Array("P5 8 8 255\n".utf8) + grey).write(to: pgm255)

        let byData = try json(try LeptonProcess.run(["predict", file, "--dataset", "digits", "--first", "1", "--json"]))
        let byFile = try json(try LeptonProcess.run(["predict", file, pgm.path, png.path, pgm255.path, "--json"]))
        let expected = try XCTUnwrap((byData["predictions"] as? [[String: Any]])?.first)
        let predictions = try XCTUnwrap(byFile["predictions"] as? [[String: Any]])
        XCTAssertEqual(predictions.count, 3)
        let probability = { (p: [String: Any]) in ((p["top"] as? [[String: Any]])?.first?["probability"] as? Double) ?? -1 }
        XCTAssertEqual(predictions[0]["predicted"] as? Int, expected["predicted"] as? Int)
        // The same pixels; one image alone runs the batch-1 kernels (sgemv, fused conv + pool),
        // a batch runs sgemm: equal to float rounding, not bit for bit.
        XCTAssertEqual(probability(predictions[0]), probability(expected), accuracy: 1e-6, "PGM with maximum 16 is the data set's sample")
        XCTAssertEqual(predictions[1]["predicted"] as? Int, predictions[2]["predicted"] as? Int)
        XCTAssertEqual(probability(predictions[1]), probability(predictions[2]), accuracy: 1e-5, "PNG through libgd = the same PGM")
        XCTAssertEqual(expected["label"] as? Int, Int(digits.test.labels[0]))

        let small = dir.appendingPathComponent("small.pgm")
        try Data(Array("P5 4 4 255\n".utf8) + [UInt8](repeating: 9, count: 16)).write(to: small)
        let r = try LeptonProcess.run(["predict", file, small.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(small.path): samples are 4×4×1 but the model expects 8×8×1"), r.stderr)
        let text = dir.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: text)
        let t = try LeptonProcess.run(["predict", file, text.path])
        XCTAssertTrue(t.stderr.contains("\(text.path): not a readable image"), t.stderr)
    }

    /// Acceptance: `lepton train --learning-rate 50 --optimizer sgd --model mlp` reports the divergence with its epoch.
    func testTrainFlagsDivergenceWithEpochAndHint() throws {
        let r = try LeptonProcess.run(["train", "--learning-rate", "50", "--optimizer", "sgd", "--model", "mlp", "--epochs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("warning: training diverged at epoch 1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("try --learning-rate 5.0 or lower"), r.stdout)
        let flagged = try json(try LeptonProcess.run(["train", "--learning-rate", "50", "--optimizer", "sgd", "--model", "mlp",
                                                      "--epochs", "2", "--json"]))
        XCTAssertEqual(flagged["diverged"] as? Bool, true)
        XCTAssertEqual((flagged["divergence"] as? [String: Any])?["epoch"] as? Int, 1)
        let healthy = try json(try LeptonProcess.run(["train", "--optimizer", "sgd", "--model", "mlp", "--epochs", "2", "--json"]))
        XCTAssertEqual(healthy["diverged"] as? Bool, false)
        XCTAssertNil(healthy["divergence"])
    }

    // MARK: - Data folders as users have them

    private func writeIDX(_ folder: URL, side: Int = 4, dotted: Bool = false, trainLabels: [UInt8], testLabels: [UInt8]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func name(_ dash: String) -> String { dotted ? dash.replacingOccurrences(of: "-idx", with: ".idx") : dash }
        func images(_ n: Int) -> IDXFile {
            IDXFile(dimensions: [n, side, side], elements: (0..<(n * side * side)).map { UInt8(($0 * 37) % 256) })
        }
        try images(trainLabels.count).write(to: folder.appendingPathComponent(name("train-images-idx3-ubyte")), compressed: false)
        try IDXFile(dimensions: [trainLabels.count], elements: trainLabels)
            .write(to: folder.appendingPathComponent(name("train-labels-idx1-ubyte")), compressed: false)
        try images(testLabels.count).write(to: folder.appendingPathComponent(name("t10k-images-idx3-ubyte")), compressed: false)
        try IDXFile(dimensions: [testLabels.count], elements: testLabels)
            .write(to: folder.appendingPathComponent(name("t10k-labels-idx1-ubyte")), compressed: false)
    }

    func testLabel26InATenClassSetIsRefusedNamingFileIndexAndValue() throws {
        let folder = dir.appendingPathComponent("dotted")
        var test = (0..<10).map { UInt8($0) }
        test[7] = 26
        try writeIDX(folder, dotted: true, trainLabels: (0..<30).map { UInt8($0 % 10) }, testLabels: test)
        let r = try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1"])
        XCTAssertNotEqual(r.status, 0)
        let file = folder.appendingPathComponent("t10k-labels.idx1-ubyte").path
        XCTAssertTrue(r.stderr.contains("\(file): label 26 of sample 7 is a class that never occurs in the training labels"), r.stderr)
    }

    /// Acceptance: the four Fashion-MNIST files with dotted names, uncompressed, train.
    /// Needs Debian's dataset-fashion-mnist (installed by `make setup`).
    func testFashionMNISTWithDottedUncompressedNamesTrains() throws {
        let source = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: source.appendingPathComponent("train-images-idx3-ubyte.gz").path),
                          "Debian's dataset-fashion-mnist is not installed")
        let folder = dir.appendingPathComponent("fashion")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            let bytes = try Gzip.decompress([UInt8](try Data(contentsOf: source.appendingPathComponent(name + ".gz"))), path: name)
            try Data(bytes).write(to: folder.appendingPathComponent(name.replacingOccurrences(of: "-idx", with: ".idx")))
        }
        let result = try json(try LeptonProcess.run(["train", "--model", "mlp", "--dataset", folder.path, "--epochs", "1",
                                                     "--batch-size", "128", "--json"]))
        XCTAssertEqual((result["confusion_matrix"] as? [[Int]])?.count, 10)
        XCTAssertGreaterThan(try XCTUnwrap(result["test_accuracy"] as? Double), 0.75, "one epoch of an MLP on Fashion-MNIST")
    }
}

/// The smallest valid PNG writer: 8-bit grey, one IDAT of stored (uncompressed) deflate blocks.
enum TinyPNG {
    static func grey(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height { raw.append(0); raw += pixels[(y * width)..<((y + 1) * width)] }
        var zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count & 0xFF), UInt8(raw.count >> 8),
                             UInt8(~raw.count & 0xFF), UInt8((~raw.count >> 8) & 0xFF)] + raw
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib += be32((b << 16) | a)
        var header = be32(UInt32(width)) + be32(UInt32(height))
        header += [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(UInt32(data.count)) + body + be32(~crc)
    }
}

/// Issue 13: an ONNX model exported from PyTorch works where a zoo model does —
/// split inference over its layers, with the file's digest as a cell input.
final class ImportedModelExperimentTests: XCTestCase {
    func testSplitInferenceRunsAnImportedONNXModel() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path), "lepton not built")
        let onnx = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/seed-cnn.onnx")
        let reports = try temporaryDirectory("onnx-split")
        defer { try? FileManager.default.removeItem(at: reports) }
        let r = try LeptonProcess.run(["run", "split-inference", "--profile", "quick", "--set", "dataset=fashion-mnist",
                                       "--set", "model=\(onnx.path)", "--json", "--reports", reports.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let metrics = (json["metrics"] as? [[String: Any]]) ?? []
        let accuracy = try XCTUnwrap(metrics.first { $0["name"] as? String == "test.accuracy" }?["value"] as? Double)
        XCTAssertGreaterThan(accuracy, 0.8, "the imported model keeps its trained weights")
        let notes = ((json["notes"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }.joined()
        XCTAssertTrue(notes.contains("Imported (not retrained)"), notes)

        let misfit = try LeptonProcess.run(["run", "split-inference", "--profile", "quick", "--set", "model=\(onnx.path)",
                                            "--reports", reports.path])
        XCTAssertNotEqual(misfit.status, 0)
        XCTAssertTrue(misfit.stderr.contains("takes 28×28×1 inputs") && misfit.stderr.contains("--set dataset="), misfit.stderr)
        let unknown = try LeptonProcess.run(["run", "split-inference", "--profile", "quick", "--set", "model=resnet", "--reports", reports.path])
        XCTAssertTrue(unknown.stderr.contains("model 'resnet' is neither a zoo model"), unknown.stderr)
    }
}
