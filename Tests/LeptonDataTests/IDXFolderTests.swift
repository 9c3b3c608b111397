import Foundation
import XCTest
@testable import LeptonData

final class IDXFolderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try TestFixtures.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ file: IDXFile, _ name: String) throws {
        try file.write(to: folder.appendingPathComponent(name), compressed: name.hasSuffix(".gz"))
    }

    func testDottedNamesAreTheDashNamesWithADot() {
        XCTAssertEqual(IDXFolder.roles.map(\.names), [
            ["train-images-idx3-ubyte", "train-images.idx3-ubyte"], ["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"],
            ["t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"], ["t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"],
        ])
    }

    func testDottedPlainFilesLoad() throws {
        try write(TestFixtures.images(count: 12, height: 4, width: 3), "train-images.idx3-ubyte")
        try write(TestFixtures.labels(count: 12, classes: 3), "train-labels.idx1-ubyte")
        try write(TestFixtures.images(count: 5, height: 4, width: 3), "t10k-images.idx3-ubyte")
        try write(TestFixtures.labels(count: 5, classes: 3), "t10k-labels.idx1-ubyte")
        let split = try DatasetCatalogue.loadIDX(directory: folder)
        XCTAssertEqual([split.train.count, split.test.count, split.train.classCount], [12, 5, 3])
        XCTAssertEqual(Set(split.checksums.keys), ["train-images.idx3-ubyte", "train-labels.idx1-ubyte",
                                                   "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte"])
        XCTAssertEqual(split.test.labels, [0, 1, 2, 0, 1])
    }

    func testMixedSpellingsAndCompressionLoad() throws {
        try write(TestFixtures.images(count: 12, height: 4, width: 3), "train-images.idx3-ubyte.gz")
        try write(TestFixtures.labels(count: 12, classes: 3), "train-labels-idx1-ubyte")
        try write(TestFixtures.images(count: 5, height: 4, width: 3), "t10k-images-idx3-ubyte.gz")
        try write(TestFixtures.labels(count: 5, classes: 3), "t10k-labels.idx1-ubyte")
        let split = try DatasetCatalogue.loadIDX(directory: folder)
        XCTAssertEqual(split.train.images, TestFixtures.images(count: 12, height: 4, width: 3).elements.map { Float($0) / 255 })
        XCTAssertEqual(split.checksums["train-images.idx3-ubyte.gz"],
                       try SHA256.hexDigest(ofFile: folder.appendingPathComponent("train-images.idx3-ubyte.gz")))
    }

    func testTwoSpellingsOfOneRoleAreAmbiguous() throws {
        try TestFixtures.writeIDXFolder(folder, compressed: false)
        try write(TestFixtures.labels(count: 5, classes: 3), "t10k-labels.idx1-ubyte")
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        XCTAssertEqual(error, .ambiguousFiles(role: "test-labels", paths: [
            folder.appendingPathComponent("t10k-labels-idx1-ubyte").path, folder.appendingPathComponent("t10k-labels.idx1-ubyte").path,
        ]))
    }

    func testMissingFileListsEverySpellingTried() throws {
        try TestFixtures.writeIDXFolder(folder, compressed: false)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        TestFixtures.assertMentions(error?.description ?? "", ["train-labels-idx1-ubyte.gz", "train-labels.idx1-ubyte.gz", folder.path])
    }

    /// A test label (26) that no training sample has is refused with file, index and value,
    /// instead of silently widening a 10-class set to 27 classes.
    func testTestClassMissingFromTrainingIsRefused() throws {
        try write(TestFixtures.images(count: 20, height: 2, width: 2), "train-images-idx3-ubyte")
        try write(TestFixtures.labels(count: 20, classes: 10), "train-labels-idx1-ubyte")
        try write(TestFixtures.images(count: 8, height: 2, width: 2), "t10k-images-idx3-ubyte")
        var labels = TestFixtures.labels(count: 8, classes: 10).elements
        labels[6] = 26
        try write(IDXFile(dimensions: [8], elements: labels), "t10k-labels-idx1-ubyte")
        let path = folder.appendingPathComponent("t10k-labels-idx1-ubyte").path
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        XCTAssertEqual(error, .testClassNotInTraining(path: path, index: 6, label: 26,
                                                      trainingPath: folder.appendingPathComponent("train-labels-idx1-ubyte").path,
                                                      trainingClasses: Array(0..<10)))
        TestFixtures.assertMentions(error?.description ?? "", [path, "label 26 of sample 6", "classes there: 0…9"])
        let widened = try DatasetCatalogue.loadIDX(directory: folder, allowUnseenTestClasses: true)
        XCTAssertEqual(widened.train.classCount, 27)
    }

    /// With a known class count, the first out-of-range training label is named.
    func testLabelBeyondTheClassCountNamesFileIndexAndValue() throws {
        try TestFixtures.writeIDXFolder(folder, compressed: false)
        var labels = TestFixtures.labels(count: 12, classes: 3).elements
        labels[4] = 26
        labels[9] = 30
        try write(IDXFile(dimensions: [12], elements: labels), "train-labels-idx1-ubyte")
        let path = folder.appendingPathComponent("train-labels-idx1-ubyte").path
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder, classNames: ["a", "b", "c"]) }
        guard case let .labelOutOfRange(p, index, label, classCount, _)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(p, path)
        XCTAssertEqual([index, label, classCount], [4, 26, 3])
    }
}
