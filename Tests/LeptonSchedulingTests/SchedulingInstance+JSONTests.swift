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

    /// The message `SchedulingInstance(json:)` refuses `json` with ("accepted" if it does not).
    private func message(_ json: String, file: String = "x.json") -> String {
        do {
            _ = try SchedulingInstance(json: Data(json.utf8), source: file)
            return "accepted"
        } catch {
            return error.description
        }
    }

    private let device = #"{"devices": [{"name": "a", "speed": 1}], "#

    func testMissingFieldIsNamed() {
        XCTAssertEqual(message(#"{"devices": [{"name": "a"}], "jobs": [{"name": "j", "work": 1}]}"#), #"x.json:1:14: devices[0].speed: expected the required key 'speed' but found no such key; add it (see the format's documentation)"#)
    }

    func testWrongTypeIsNamed() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": "lots"}]}"#), #"x.json:1:73: jobs[0].work: expected a number but found the string "lots""#)
    }

    func testUnknownDeviceNameIsNamed() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": 1, "origin": "b"}]}"#), #"x.json:1:86: jobs[0].origin: expected the name of a device (a) but found 'b'"#)
    }

    func testMissingWorkWithoutMatrixIsNamed() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j"}]}"#), #"x.json:1:51: jobs[0].work: expected the job's operations (or an executionTimes matrix for all jobs) but found no key 'work'; see docs/SCHEDULING.md for the instance format"#)
    }

    func testAnUnknownKeyIsRefusedWithTheNearestValidKey() {
        XCTAssertEqual(message(device + "\n \"jobs\": [{\"name\": \"j\", \"work\": 1, \"weigth\": 2}]}"), #"x.json:2:36: jobs[0].weigth: expected one of the keys input, memory, name, origin, weight, work but found the unknown key 'weigth'; did you mean 'weight'?"#)
    }

    func testZeroJobsAreRefused() {
        XCTAssertEqual(message(device + #""jobs": []}"#), #"x.json:1:50: jobs: expected at least one job but found an empty list; see docs/SCHEDULING.md for the instance format"#)
    }

    func testAFractionalDataSizeIsRefusedNotTruncated() {
        XCTAssertEqual(message(device + """
            "jobs": [{"name": "p", "work": 1}, {"name": "q", "work": 1}],
            "edges": [{"from": "p", "to": "q", "data": 1.5}]}
            """), #"x.json:2:44: edges[0].data: expected a whole number but found the number 1.5; this field counts whole units; remove the fraction"#)
    }

    func testANaNTokenIsRefusedWithItsPosition() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": NaN}]}"#), #"x.json:1:73: jobs[0].work: expected a JSON value (a number, a "string", true, false, null, [ … ] or { … }) but found the bare word NaN; JSON has no NaN or infinite numbers; give a finite number"#)
    }

    func testANumberBeyondDoubleIsRefused() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": 1e999}]}"#), #"x.json:1:73: jobs[0].work: expected a finite number (at most ±1.7976931348623157e+308) but found the number 1e999"#)
    }

    func testATruncatedFileGivesLineAndColumn() {
        XCTAssertEqual(message("{\"devices\": [{\"name\": \"a\", \"speed\": 1}],\n \"jobs\": [{\"name\": \"j\",\n   \"work\": "), #"x.json:3:11: expected more JSON (a value or a closing bracket) but found the end of the file; the file looks truncated"#)
    }

    func testTrailingGarbageIsRefused() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": 1}]} {"#), #"x.json:1:78: expected the end of the file after the JSON document but found more text; remove what follows the document's closing bracket"#)
    }

    func testADuplicateKeyIsRefused() {
        XCTAssertEqual(message(device + #""jobs": [{"name": "j", "work": 1, "work": 2}]}"#), #"x.json:1:65: expected each key once per object but found the key 'work' twice; remove the repeated key; a reader would otherwise keep only one of them"#)
    }

    func testASelfLoopIsReportedAsTheCycle() {
        XCTAssertEqual(message(device + """
            "jobs": [{"name": "a", "work": 1}, {"name": "b", "work": 1}],
            "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "b"}]}
            """), #"x.json:2:37: edges[1]: expected a job graph without cycles (a DAG) but found the self-loop b → b (edges[1]); remove or reverse one of these edges"#)
    }

    func testAThreeCycleIsReportedAsTheCycleShortestFirst() {
        // a → b → c → a is a 3-cycle; d → e → f → g → d a longer one; e → x a dead end.
        XCTAssertEqual(message(device + """
            "jobs": [{"name": "x", "work": 1}, {"name": "d", "work": 1}, {"name": "e", "work": 1}, {"name": "f", "work": 1},
                     {"name": "g", "work": 1}, {"name": "a", "work": 1}, {"name": "b", "work": 1}, {"name": "c", "work": 1}],
            "edges": [{"from": "d", "to": "e"}, {"from": "e", "to": "x"}, {"from": "e", "to": "f"}, {"from": "f", "to": "g"},
                      {"from": "g", "to": "d"}, {"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "a"}]}
            """), #"x.json:4:37: edges[5]: expected a job graph without cycles (a DAG) but found the cycle a → b → c → a (edges[5] a → b, edges[6] b → c, edges[7] c → a); remove or reverse one of these edges"#)
    }
}
