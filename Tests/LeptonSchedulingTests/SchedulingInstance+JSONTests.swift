import Foundation
import XCTest
@testable import LeptonScheduling

final class SchedulingInstanceJSONTests: XCTestCase {
    /// The example in docs/SCHEDULING.md (the first ```json block) must decode.
    func testTheDocumentedExampleDecodes() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/SCHEDULING.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```json\n"))
        let end = try XCTUnwrap(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let json = Data(text[start.upperBound..<end.lowerBound].utf8)
        let instance = try SchedulingInstance(json: json, source: "docs/SCHEDULING.md")
        XCTAssertEqual(instance.devices.count, 3)
        XCTAssertFalse(instance.edges.isEmpty)
        XCTAssertEqual(Heuristic.heft.schedule(instance).violations(in: instance), [])
    }

    func testRoundTripKeepsEverything() throws {
        var generator = InstanceGenerator(seed: 4)
        let original = try generator.dag(jobs: 8, devices: 3)
        let decoded = try SchedulingInstance(json: try original.jsonData())
        XCTAssertEqual(decoded, original)
        let heft = try TestInstances.heftPaper()
        XCTAssertEqual(try SchedulingInstance(json: try heft.jsonData()), heft)
    }

    func testMissingFieldIsNamed() {
        let json = Data(#"{"devices": [{"name": "a"}], "jobs": []}"#.utf8)
        XCTAssertThrowsError(try SchedulingInstance(json: json, source: "x.json")) { error in
            XCTAssertEqual(error as? SchedulingError, .malformedInstance(source: "x.json", field: "devices[0].speed", problem: "missing (required)"))
            XCTAssertTrue("\(error)".contains("devices[0].speed"))
        }
    }

    func testWrongTypeIsNamed() {
        let json = Data(#"{"devices": [{"name": "a", "speed": 1}], "jobs": [{"name": "j", "work": "lots"}]}"#.utf8)
        XCTAssertThrowsError(try SchedulingInstance(json: json, source: "x.json")) { error in
            guard case .malformedInstance(_, let field, let problem)? = error as? SchedulingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "jobs[0].work")
            XCTAssertTrue(problem.contains("a number"), problem)
        }
    }

    func testUnknownDeviceNameIsNamed() {
        let json = Data(#"{"devices": [{"name": "a", "speed": 1}], "jobs": [{"name": "j", "work": 1, "origin": "b"}]}"#.utf8)
        XCTAssertThrowsError(try SchedulingInstance(json: json)) {
            XCTAssertEqual($0 as? SchedulingError, .unknownName(field: "jobs[0].origin", name: "b", known: ["a"]))
        }
    }

    func testMissingWorkWithoutMatrixIsNamed() {
        let json = Data(#"{"devices": [{"name": "a", "speed": 1}], "jobs": [{"name": "j"}]}"#.utf8)
        XCTAssertThrowsError(try SchedulingInstance(json: json, source: "y.json")) { error in
            guard case .malformedInstance(_, let field, _)? = error as? SchedulingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "jobs[0].work")
        }
    }
}
