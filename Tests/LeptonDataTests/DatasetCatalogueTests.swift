import Foundation
import XCTest
@testable import LeptonData

final class DatasetCatalogueTests: XCTestCase {
    private static let fashionFolder = "/usr/share/datasets/fashion-mnist"

    func testCatalogueListsTheThreeDataSets() throws {
        let catalogue = try DatasetCatalogue()
        XCTAssertEqual(catalogue.names, ["digits", "fashion-mnist", "mnist"])
        XCTAssertEqual(try catalogue.descriptor(named: "digits").shape, ImageShape(height: 8, width: 8, channels: 1))
        let fashion = try catalogue.descriptor(named: "fashion-mnist")
        XCTAssertEqual(fashion.shape.description, "28×28×1")
        XCTAssertEqual(fashion.classNames, ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
        for descriptor in catalogue.datasets {
            XCTAssertFalse(descriptor.licence.isEmpty)
            XCTAssertFalse(descriptor.source.isEmpty)
            XCTAssertEqual(descriptor.splits.map(\.name), ["train", "test"])
            for file in descriptor.files {
                XCTAssertEqual(file.sha256.count, 64, "\(descriptor.name)/\(file.name)")
                XCTAssertTrue(file.sha256.allSatisfy(\.isHexDigit))
            }
        }
    }

    func testLocateDirectoryPrefersEnvironmentThenPackage() throws {
        let custom = try DatasetCatalogue.locateDirectory(environment: ["LEPTON_DATASETS": "/somewhere/Datasets"])
        XCTAssertEqual(custom.path, "/somewhere/Datasets")
        let found = try DatasetCatalogue.locateDirectory(environment: [:])
        XCTAssertEqual(found.lastPathComponent, "Datasets")
        XCTAssertTrue(FileManager.default.fileExists(atPath: found.appendingPathComponent("catalogue.json").path))
    }

    func testDigitsLoadsWithVerifiedChecksum() throws {
        let catalogue = try DatasetCatalogue()
        let digits = try catalogue.load(name: "digits")
        XCTAssertEqual(digits.train.count + digits.test.count, 1797)
        XCTAssertEqual(digits.train.count, 1442)
        XCTAssertEqual(digits.test.count, 355)
        let descriptor = try catalogue.descriptor(named: "digits")
        XCTAssertEqual(descriptor.splits.map(\.count), [digits.train.count, digits.test.count])
        for set in [digits.train, digits.test] {
            XCTAssertEqual(set.imageShape, [8, 8, 1])
            XCTAssertEqual(set.images.count, set.count * 64)
            XCTAssertEqual(set.classCount, 10)
            XCTAssertTrue(set.labels.allSatisfy { (0...9).contains($0) })
            XCTAssertTrue(set.classCounts().allSatisfy { $0 > 0 }, "every class present in \(set.name)")
            XCTAssertTrue(set.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        XCTAssertEqual(digits.train.images.max(), 1)
        XCTAssertEqual(digits.classNames, (0...9).map(String.init))
        let file = catalogue.directory.appendingPathComponent("digits/digits.csv.gz")
        let actual = try SHA256.hexDigest(ofFile: file)
        XCTAssertEqual(digits.checksums["digits.csv.gz"], actual)
        XCTAssertEqual(try catalogue.verify(name: "digits").map(\.name), ["digits.csv.gz"])
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
        XCTAssertEqual(size, descriptor.files[0].bytes)
        // The first row of the file is a 0: its label and a known pixel (row 0, column 2 = 5 → 5/16).
        let all = try DigitsCSV.read(contentsOf: file)
        XCTAssertEqual(all.labels.first, 0)
        XCTAssertEqual(all.images[2], 5.0 / 16)
    }

    func testStaticLoadUsesDefaultCatalogue() throws {
        XCTAssertEqual(try DatasetCatalogue.load(name: "digits").test.count, 355)
    }

    func testFashionMNISTLoadsWhenInstalled() throws {
        guard FileManager.default.fileExists(atPath: Self.fashionFolder) else {
            throw XCTSkip("\(Self.fashionFolder) is missing: apt-get install dataset-fashion-mnist")
        }
        let start = Date()
        let fashion = try DatasetCatalogue.load(name: "fashion-mnist")
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(fashion.train.count, 60000)
        XCTAssertEqual(fashion.test.count, 10000)
        XCTAssertEqual(fashion.train.imageShape, [28, 28, 1])
        XCTAssertEqual(fashion.test.imageShape, [28, 28, 1])
        XCTAssertEqual(fashion.train.images.count, 60000 * 784)
        XCTAssertEqual(fashion.train.classCounts(), Array(repeating: 6000, count: 10))
        XCTAssertEqual(fashion.test.classCounts(), Array(repeating: 1000, count: 10))
        XCTAssertEqual(fashion.classNames.count, 10)
        XCTAssertEqual(fashion.checksums.count, 4)
        XCTAssertTrue(fashion.train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        #if DEBUG
        print("fashion-mnist loaded in \(seconds) s (debug build; the 1 s budget applies to release)")
        #else
        XCTAssertLessThan(seconds, 1.0, "loading fashion-mnist took \(seconds) s")
        #endif
    }

    func testCatalogueRecordsRealFashionSizes() throws {
        guard FileManager.default.fileExists(atPath: Self.fashionFolder) else {
            throw XCTSkip("\(Self.fashionFolder) is missing: apt-get install dataset-fashion-mnist")
        }
        for file in try DatasetCatalogue().descriptor(named: "fashion-mnist").files {
            let path = Self.fashionFolder + "/" + file.name
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            XCTAssertEqual(size, file.bytes, file.name)
        }
    }

    func testUnknownNameListsKnownNamesAndPathOption() throws {
        let error = TestFixtures.dataError { try DatasetCatalogue().load(name: "cifar-10") }
        XCTAssertEqual(error, .unknownDataset(name: "cifar-10", known: ["digits", "fashion-mnist", "mnist"]))
        TestFixtures.assertMentions(error?.description ?? "",
                                    ["'cifar-10'", "digits, fashion-mnist, mnist", "path to a folder", "IDX"])
    }

    func testMissingFashionFilesSayHowToInstall() throws {
        let empty = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let catalogue = try DatasetCatalogue(locations: ["fashion-mnist": empty])
        XCTAssertFalse(catalogue.isPresent(try catalogue.descriptor(named: "fashion-mnist")))
        let error = TestFixtures.dataError { try catalogue.load(name: "fashion-mnist") }
        guard case let .fileMissing(path, _)? = error else {
            return XCTFail("expected fileMissing, got \(String(describing: error))")
        }
        XCTAssertEqual(path, empty.appendingPathComponent("train-images-idx3-ubyte.gz").path)
        TestFixtures.assertMentions(error?.description ?? "",
                                    [path, "not found", "apt-get install dataset-fashion-mnist", "scripts/setup.sh"])
    }

    func testMissingMNISTSaysHowToDownload() throws {
        let empty = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = TestFixtures.dataError { try DatasetCatalogue(locations: ["mnist": empty]).load(name: "mnist") }
        guard case .fileMissing? = error else {
            return XCTFail("expected fileMissing, got \(String(describing: error))")
        }
        TestFixtures.assertMentions(error?.description ?? "", ["lepton datasets download mnist"])
    }

    func testCorruptDigitsIsChecksumMismatch() throws {
        let copy = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: copy) }
        let original = try DatasetCatalogue()
        let folder = copy.appendingPathComponent("Datasets")
        try FileManager.default.copyItem(at: original.directory, to: folder)
        let csv = folder.appendingPathComponent("digits/digits.csv.gz")
        var bytes = [UInt8](try Data(contentsOf: csv))
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: csv)
        let error = TestFixtures.dataError { try DatasetCatalogue(directory: folder).load(name: "digits") }
        let expected = try original.descriptor(named: "digits").files[0].sha256
        let found = SHA256.hexDigest(bytes)
        guard case let .checksumMismatch(file, expectedSum, foundSum, _)? = error else {
            return XCTFail("expected checksumMismatch, got \(String(describing: error))")
        }
        XCTAssertEqual([file, expectedSum, foundSum], [csv.path, expected, found])
        TestFixtures.assertMentions(error?.description ?? "",
                                    [csv.path, "checksum mismatch", expected, found, "git checkout -- Datasets/digits"])
        let verifyError = TestFixtures.dataError { try DatasetCatalogue(directory: folder).verify(name: "digits") }
        XCTAssertEqual(verifyError, error)
    }

    func testWrongFashionFilesFailChecksumBeforeParsing() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFixtures.writeIDXFolder(folder, compressed: true)
        let error = TestFixtures.dataError {
            try DatasetCatalogue(locations: ["fashion-mnist": folder]).load(name: "fashion-mnist")
        }
        guard case let .checksumMismatch(file, expected, found, _)? = error else {
            return XCTFail("expected checksumMismatch, got \(String(describing: error))")
        }
        XCTAssertEqual(file, folder.appendingPathComponent("train-images-idx3-ubyte.gz").path)
        XCTAssertEqual(expected, "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7")
        XCTAssertEqual(found, try SHA256.hexDigest(ofFile: URL(fileURLWithPath: file)))
        TestFixtures.assertMentions(error?.description ?? "", ["reinstall the package dataset-fashion-mnist"])
    }

    func testLoadIDXFolderPlainAndGzip() throws {
        for compressed in [false, true] {
            let folder = try TestFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            try TestFixtures.writeIDXFolder(folder, train: 12, test: 5, height: 4, width: 3, classes: 3,
                                            compressed: compressed)
            let split = try DatasetCatalogue.loadIDX(directory: folder)
            XCTAssertEqual(split.train.count, 12)
            XCTAssertEqual(split.test.count, 5)
            XCTAssertEqual(split.train.imageShape, [4, 3, 1])
            XCTAssertEqual(split.classNames, ["0", "1", "2"])
            XCTAssertEqual(split.test.labels, [0, 1, 2, 0, 1])
            XCTAssertEqual(split.train.images, TestFixtures.images(count: 12, height: 4, width: 3).elements.map { Float($0) / 255 })
            let suffix = compressed ? ".gz" : ""
            XCTAssertEqual(split.checksums.count, 4)
            let name = "t10k-labels-idx1-ubyte" + suffix
            XCTAssertEqual(split.checksums[name], try SHA256.hexDigest(ofFile: folder.appendingPathComponent(name)))
            let byPath = try DatasetCatalogue().load(name: folder.path)
            XCTAssertEqual(byPath.train.labels, split.train.labels)
        }
    }

    func testLoadIDXWithClassNamesChecksLabelRange() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFixtures.writeIDXFolder(folder, classes: 3, compressed: false)
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder, classNames: ["a", "b"]) }
        guard case let .labelOutOfRange(path, _, label, classCount, _)? = error else {
            return XCTFail("expected labelOutOfRange, got \(String(describing: error))")
        }
        XCTAssertEqual(path, folder.appendingPathComponent("train-labels-idx1-ubyte").path)
        XCTAssertEqual([label, classCount], [2, 2])
    }

    func testLoadIDXMissingFileNamesIt() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFixtures.writeIDXFolder(folder, compressed: true)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        guard case let .fileMissing(path, _)? = error else {
            return XCTFail("expected fileMissing, got \(String(describing: error))")
        }
        XCTAssertEqual(path, folder.appendingPathComponent("t10k-images-idx3-ubyte").path)
        TestFixtures.assertMentions(error?.description ?? "", ["t10k-images-idx3-ubyte.gz", folder.path])
    }

    func testLoadIDXWrongCountBetweenImagesAndLabels() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFixtures.writeIDXFolder(folder, train: 12, compressed: false)
        try TestFixtures.labels(count: 11, classes: 3)
            .write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"), compressed: false)
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        guard case let .wrongCount(imagesPath, labelsPath, images, labels, _)? = error else {
            return XCTFail("expected wrongCount, got \(String(describing: error))")
        }
        XCTAssertEqual(imagesPath, folder.appendingPathComponent("train-images-idx3-ubyte").path)
        XCTAssertEqual(labelsPath, folder.appendingPathComponent("train-labels-idx1-ubyte").path)
        XCTAssertEqual([images, labels], [12, 11])
        TestFixtures.assertMentions(error?.description ?? "", [labelsPath, "expected 12", "found 11"])
    }

    func testLoadIDXTruncatedImagesNamesDeclaredShape() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestFixtures.writeIDXFolder(folder, train: 12, height: 4, width: 3, compressed: true)
        let url = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
        let plain = TestFixtures.images(count: 12, height: 4, width: 3).encoded()
        try Data(try Gzip.compress(Array(plain.prefix(16 + 100)))).write(to: url)
        let error = TestFixtures.dataError { try DatasetCatalogue.loadIDX(directory: folder) }
        guard case .truncated? = error else {
            return XCTFail("expected truncated, got \(String(describing: error))")
        }
        TestFixtures.assertMentions(error?.description ?? "", [url.path, "12×4×3 = 144", "holds 100"])
    }

    func testMissingCatalogueIsReported() throws {
        let empty = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = TestFixtures.dataError { try DatasetCatalogue(directory: empty) }
        guard case let .catalogueUnreadable(path, _)? = error else {
            return XCTFail("expected catalogueUnreadable, got \(String(describing: error))")
        }
        XCTAssertEqual(path, empty.appendingPathComponent("catalogue.json").path)
    }

    func testMNISTEntryMatchesDownloaderTable() throws {
        let mnist = try DatasetCatalogue().descriptor(named: "mnist")
        XCTAssertEqual(mnist.files, MNISTDownloader.mnistFiles)
        XCTAssertEqual(mnist.mirrors, MNISTDownloader.defaultMirrors.map(\.absoluteString))
        XCTAssertEqual(mnist.storage, .download)
        XCTAssertEqual(try DatasetCatalogue().folder(for: mnist), MNISTDownloader.defaultCacheDirectory)
    }
}
