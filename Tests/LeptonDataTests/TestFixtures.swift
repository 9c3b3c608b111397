import Foundation
import XCTest
@testable import LeptonData

/// Small generated IDX data and temporary folders shared by the LeptonData tests.
enum TestFixtures {
    /// A fresh empty folder under the system temporary directory.
    static func temporaryDirectory(_ label: String = #function) throws -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lepton-data-tests-\(safe)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `count` images of `height`×`width` whose pixel values follow a fixed pattern.
    static func images(count: Int, height: Int, width: Int) -> IDXFile {
        var pixels: [UInt8] = []
        for n in 0..<count {
            for y in 0..<height {
                for x in 0..<width {
                    pixels.append(UInt8((n * 31 + y * 7 + x * 3) % 256))
                }
            }
        }
        return IDXFile(dimensions: [count, height, width], elements: pixels)
    }

    /// `count` labels cycling through `0..<classes`.
    static func labels(count: Int, classes: Int) -> IDXFile {
        IDXFile(dimensions: [count], elements: (0..<count).map { UInt8($0 % classes) })
    }

    /// Writes the four standard IDX files (train and test) into `folder`.
    static func writeIDXFolder(_ folder: URL, train: Int = 12, test: Int = 5, height: Int = 4, width: Int = 3,
                               classes: Int = 3, compressed: Bool) throws {
        let suffix = compressed ? ".gz" : ""
        try images(count: train, height: height, width: width)
            .write(to: folder.appendingPathComponent("train-images-idx3-ubyte" + suffix), compressed: compressed)
        try labels(count: train, classes: classes)
            .write(to: folder.appendingPathComponent("train-labels-idx1-ubyte" + suffix), compressed: compressed)
        try images(count: test, height: height, width: width)
            .write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte" + suffix), compressed: compressed)
        try labels(count: test, classes: classes)
            .write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte" + suffix), compressed: compressed)
    }

    /// Runs `body`, expecting it to throw a `DataError`, and returns that error.
    static func dataError<T>(_ body: () throws -> T, file: StaticString = #filePath,
                             line: UInt = #line) -> DataError? {
        do {
            _ = try body()
            XCTFail("expected a DataError, but the call succeeded", file: file, line: line)
        } catch let error as DataError {
            return error
        } catch {
            XCTFail("expected a DataError, got \(error)", file: file, line: line)
        }
        return nil
    }

    /// Asserts that `message` contains every one of `parts`.
    static func assertMentions(_ message: String, _ parts: [String], file: StaticString = #filePath,
                               line: UInt = #line) {
        for part in parts {
            XCTAssertTrue(message.contains(part), "message does not mention '\(part)': \(message)",
                          file: file, line: line)
        }
    }
}
