import Foundation
import XCTest
@testable import LeptonData

final class DigitsCSVTests: XCTestCase {
    private func line(pixel: Int, label: Int) -> String {
        (Array(repeating: String(pixel), count: 64) + [String(label)]).joined(separator: ",")
    }

    func testParsesPlainAndGzipAndScalesBySixteen() throws {
        let text = [line(pixel: 16, label: 3), line(pixel: 4, label: 9)].joined(separator: "\n") + "\n"
        for bytes in [Array(text.utf8), try Gzip.compress(Array(text.utf8))] {
            let set = try DigitsCSV.parse(bytes, path: "d.csv")
            XCTAssertEqual(set.count, 2)
            XCTAssertEqual(set.imageShape, [8, 8, 1])
            XCTAssertEqual(set.labels, [3, 9])
            XCTAssertEqual(set.classCount, 10)
            XCTAssertEqual(set.images[0], 1)
            XCTAssertEqual(set.images[64], 0.25)
        }
    }

    func testWrongFieldCountNamesLine() {
        let text = line(pixel: 1, label: 1) + "\n1,2,3\n"
        let error = TestFixtures.dataError { try DigitsCSV.parse(Array(text.utf8), path: "/d/digits.csv") }
        guard case let .malformedCSV(path, lineNumber, _, _)? = error else {
            return XCTFail("expected malformedCSV, got \(String(describing: error))")
        }
        XCTAssertEqual(path, "/d/digits.csv")
        XCTAssertEqual(lineNumber, 2)
        TestFixtures.assertMentions(error?.description ?? "", ["/d/digits.csv:2", "expected 65 fields", "found 3"])
    }

    func testPixelOutOfRange() {
        let error = TestFixtures.dataError { try DigitsCSV.parse(Array(line(pixel: 17, label: 1).utf8), path: "p") }
        guard case let .malformedCSV(_, _, problem, _)? = error else {
            return XCTFail("expected malformedCSV, got \(String(describing: error))")
        }
        XCTAssertTrue(problem.contains("17") && problem.contains("0...16"), problem)
    }

    func testLabelOutOfRange() {
        let error = TestFixtures.dataError { try DigitsCSV.parse(Array(line(pixel: 1, label: 10).utf8), path: "p") }
        guard case let .labelOutOfRange(_, index, label, classCount, _)? = error else {
            return XCTFail("expected labelOutOfRange, got \(String(describing: error))")
        }
        XCTAssertEqual([index, label, classCount], [0, 10, 10])
    }

    func testNonNumberField() {
        let text = line(pixel: 1, label: 1).replacingOccurrences(of: "1,1,1", with: "1,x,1")
        let error = TestFixtures.dataError { try DigitsCSV.parse(Array(text.utf8), path: "p") }
        guard case let .malformedCSV(_, _, problem, _)? = error else {
            return XCTFail("expected malformedCSV, got \(String(describing: error))")
        }
        XCTAssertTrue(problem.contains("'x'"), problem)
    }
}
