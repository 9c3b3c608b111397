import Foundation
import LeptonData
import XCTest

/// One data-set rule for every command: with a folder `./digits` in the working directory,
/// `lepton train --dataset digits` and `lepton evaluate --dataset digits` read the catalogue
/// entry (as `ctx.dataset("digits")` does, DatasetResolutionTests), and `./digits` the folder.
final class DatasetResolutionCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("dataset-rule")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private func json(_ r: LeptonProcess.Result) throws -> [String: Any] {
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }

    /// 8×8 images of ten classes: 30 training and 10 test samples (the digits' shape, other data).
    private func writeFolder(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try IDXFile(dimensions: [30, 8, 8], elements: (0..<1920).map { UInt8(($0 * 37) % 256) })
            .write(to: folder.appendingPathComponent("train-images-idx3-ubyte"), compressed: false)
        try IDXFile(dimensions: [30], elements: (0..<30).map { UInt8($0 % 10) })
            .write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"), compressed: false)
        try IDXFile(dimensions: [10, 8, 8], elements: (0..<640).map { UInt8(($0 * 11) % 256) })
            .write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"), compressed: false)
        try IDXFile(dimensions: [10], elements: (0..<10).map { UInt8($0) })
            .write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"), compressed: false)
    }

    func testAFolderNamedLikeACatalogueEntryDoesNotShadowIt() throws {
        let digits = try DatasetCatalogue.load(name: "digits")
        try writeFolder(dir.appendingPathComponent("digits"))
        let model = dir.appendingPathComponent("m.safetensors").path
        let tested = { (r: [String: Any]) in ((r["confusion_matrix"] as? [[Int]]) ?? []).joined().reduce(0, +) }

        let train = try json(try LeptonProcess.run(["train", "--model", "mlp", "--dataset", "digits", "--epochs", "1",
                                                    "--save", model, "--json"], directory: dir))
        XCTAssertEqual(train["dataset"] as? String, "digits")
        XCTAssertEqual(tested(train), digits.test.count, "train read the catalogue entry, not ./digits")

        let evaluate = try json(try LeptonProcess.run(["evaluate", model, "--dataset", "digits", "--json"], directory: dir))
        XCTAssertEqual(evaluate["dataset"] as? String, "digits")
        XCTAssertEqual(evaluate["count"] as? Int, digits.test.count, "evaluate read the catalogue entry, not ./digits")
        XCTAssertEqual(evaluate["accuracy"] as? Double, train["test_accuracy"] as? Double, "the same data, the same accuracy")

        let folder = try json(try LeptonProcess.run(["evaluate", model, "--dataset", "./digits", "--json"], directory: dir))
        XCTAssertEqual(folder["count"] as? Int, 10, "./digits is the folder")
        let trainedOnFolder = try json(try LeptonProcess.run(["train", "--model", "mlp", "--dataset", "./digits", "--epochs", "1",
                                                              "--json"], directory: dir))
        XCTAssertEqual(tested(trainedOnFolder), 10, "./digits is the folder for train too")
    }
}
