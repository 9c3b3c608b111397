import Foundation
import LeptonInput
import XCTest

private struct Edge: Codable { var from: String; var to: String; var data: Int? }
private struct Job: Codable { var name: String; var work: Double?; var weight: Double?; var edges: [Edge]? }
private struct Document: Codable { var jobs: [Job] }

final class CheckedJSONTests: XCTestCase {
    private func problem(_ text: String, options: CheckedJSON.Options = .init()) -> String {
        do {
            _ = try CheckedJSON.decode(Document.self, from: Data(text.utf8), file: "in.json", options: options)
            return "accepted"
        } catch {
            return error.description
        }
    }

    func testAMisspeltRequiredKeyIsNamedWithTheKeyFound() {
        XCTAssertEqual(problem(#"{"jobs": [{"nmae": "a"}]}"#),
                       "in.json:1:12: jobs[0].name: expected the required key 'name' but found 'nmae' instead; did you mean 'name'?")
    }

    func testATrailingCommaIsRefused() {
        XCTAssertEqual(problem(#"{"jobs": [{"name": "a",}]}"#),
                       "in.json:1:23: expected another value after ',' but found '}'; remove the trailing comma")
    }

    func testDeepNestingIsRefusedBeforeReading() {
        XCTAssertEqual(problem(String(repeating: "[", count: 100_000)),
                       "in.json:1:129: expected arrays and objects nested at most 128 deep but found a deeper nesting")
    }

    func testYAMLIsNotJSON() {
        XCTAssertEqual(problem("jobs: []"), "in.json:1:1: expected a key in double quotes but found the bare key jobs")
        XCTAssertTrue(problem("# comment\n{\"jobs\": []}").hasPrefix("in.json: expected valid JSON (RFC 8259)"))
    }

    func testAnOpenFormatWarnsAboutUnknownKeysInstead() throws {
        let decoded = try CheckedJSON.decode(Document.self, from: Data(#"{"jobs": [], "note": 1}"#.utf8), file: "in.json",
                                             options: .init(unknownKeys: .warn))
        XCTAssertEqual(decoded.warnings.map(\.description),
                       ["in.json:1:14: note: expected one of the keys jobs but found the unknown key 'note'; remove it (see the format's documentation)"])
    }

    func testWholeNumbersWrittenWithAnExponentAreExact() throws {
        let decoded = try CheckedJSON.decode(Document.self, from: Data(#"{"jobs": [{"name": "a", "edges": [{"from": "a", "to": "b", "data": 1e3}]}]}"#.utf8), file: "in.json")
        XCTAssertEqual(decoded.value.jobs[0].edges?[0].data, 1000)
    }

    func testSuggestionsAreForTyposOnly() {
        XCTAssertEqual(KeySuggestion.closest(to: "weigth", in: ["work", "weight"]), "weight")
        XCTAssertNil(KeySuggestion.closest(to: "b", in: ["a"]))
        XCTAssertNil(KeySuggestion.closest(to: "colour", in: ["name", "work"]))
    }
}
