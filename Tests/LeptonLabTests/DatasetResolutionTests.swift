import Foundation
import LeptonData
import XCTest
@testable import LeptonLab

/// `ctx.dataset` resolves names by the one rule of `DatasetReference` and its cache key is
/// the checksums of the files the loader really read.
private let trainCount = Metric("train.count")
private let testCount = Metric("test.count")

final class DatasetResolutionTests: LabTestCase {
    /// Four small MNIST-format files (8×8 images, ten classes), plain and/or gzip-compressed.
    private func writeIDX(_ folder: URL, train: Int = 30, plain: Bool = true, gzip: Bool = false, shift: UInt8 = 0) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files: [(String, IDXFile)] = [
            ("train-images-idx3-ubyte", IDXFile(dimensions: [train, 8, 8], elements: (0..<(train * 64)).map { UInt8(($0 * 37) % 256) })),
            ("train-labels-idx1-ubyte", IDXFile(dimensions: [train], elements: (0..<train).map { UInt8(($0 + Int(shift)) % 10) })),
            ("t10k-images-idx3-ubyte", IDXFile(dimensions: [10, 8, 8], elements: (0..<640).map { UInt8(($0 * 11) % 256) })),
            ("t10k-labels-idx1-ubyte", IDXFile(dimensions: [10], elements: (0..<10).map { UInt8($0) })),
        ]
        for (name, file) in files {
            if plain { try file.write(to: folder.appendingPathComponent(name), compressed: false) }
            if gzip { try file.write(to: folder.appendingPathComponent(name + ".gz"), compressed: true) }
        }
    }

    private func loader(_ name: String) -> Experiment {
        Experiment("load", title: "Load") {
            Cell("load") { ctx in
                let data = try ctx.dataset(name)
                ctx.record(trainCount, Double(data.train.count))
                ctx.record(testCount, Double(data.test.count))
            }
        }
    }

    private func value(_ r: RunResult, _ metric: Metric) -> Double? {
        r.record.metrics.first { $0.name == metric.name }?.value
    }

    /// A folder holding both `x` and `x.gz` of every file is fingerprinted by the files the
    /// loader reads (the `.gz` copies), so a rerun is a cache hit; changing a file it reads
    /// reruns the cell.
    func testAFolderWithPlainAndGzipCopiesHitsTheCacheOnRerun() throws {
        let folder = reports.appendingPathComponent("both")
        try writeIDX(folder, plain: true, gzip: true)
        let e = loader(folder.path)
        XCTAssertEqual(statuses(try run(e)), ["load": .ran])
        XCTAssertEqual(statuses(try run(e)), ["load": .cached], "the same files: the cache must hit")
        try writeIDX(folder, plain: false, gzip: true, shift: 1)      // the labels the loader reads change
        XCTAssertEqual(statuses(try run(e)), ["load": .ran], "a file the loader reads changed: the cell must rerun")
    }

    /// With a folder `./digits` in the current directory, the name "digits" still means the
    /// catalogue entry (as for `lepton train` and `evaluate`); `./digits` means the folder.
    func testACatalogueNameBesideAFolderOfThatNameMeansTheCatalogueEntry() throws {
        let catalogued = try DatasetCatalogue.load(name: "digits")
        let work = reports.appendingPathComponent("work")
        try writeIDX(work.appendingPathComponent("digits"))
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(work.path))
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }

        XCTAssertEqual(try DatasetReference.resolve("digits"), .catalogued("digits"))
        let byName = try run(loader("digits"), cache: false)
        XCTAssertEqual(value(byName, trainCount), Double(catalogued.train.count))
        XCTAssertEqual(value(byName, testCount), Double(catalogued.test.count))
        XCTAssertEqual(DatasetCatalogue.currentChecksums(of: "digits"), catalogued.checksums)

        let byPath = try run(loader("./digits"), cache: false)   // the same cell code: no cache between the two
        XCTAssertEqual(value(byPath, trainCount), 30)
        XCTAssertEqual(value(byPath, testCount), 10)
        XCTAssertThrowsError(try DatasetReference.resolve("no-such-set")) { error in
            XCTAssertTrue(String(describing: error).contains("digits"), "the error lists the catalogued names: \(error)")
        }
    }
}
