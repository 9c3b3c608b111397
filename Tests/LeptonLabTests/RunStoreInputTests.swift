import Foundation
import LeptonInput
import XCTest
@testable import LeptonLab

/// results.json and baselines are read under docs/INPUTS.md's policy.
final class RunStoreInputTests: XCTestCase {
    private var baselines: [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reports/baselines")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "json" && $0.lastPathComponent != "thresholds.json" }.sorted { $0.path < $1.path }
    }

    private func message(_ text: String) -> String {
        do {
            _ = try RunStore.decode(Data(text.utf8), file: "results.json")
            return "accepted"
        } catch {
            return error.description
        }
    }

    func testEveryCommittedBaselineIsAccepted() throws {
        XCTAssertFalse(baselines.isEmpty)
        for url in baselines {
            XCTAssertNoThrow(try RunStore.decode(try Data(contentsOf: url), file: url.path), url.path)
        }
    }

    func testAMisspeltKeyInAResultsFileIsRefusedWithTheNearestKey() throws {
        let url = try XCTUnwrap(baselines.first)
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"experiment\" :", with: "\"experimnet\" :", options: [], range: text.range(of: "\"experiment\" :"))
        XCTAssertNotEqual(edited, text)
        let line = edited.prefix(upTo: try XCTUnwrap(edited.range(of: "\"experimnet\"")).lowerBound).filter { $0 == "\n" }.count + 1
        XCTAssertEqual(message(edited), "results.json:\(line):3: experiment: expected the required key 'experiment' but found 'experimnet' instead; did you mean 'experiment'?")
    }

    func testTrailingGarbageAfterAResultsFileIsRefused() throws {
        let url = try XCTUnwrap(baselines.first)
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) + "\n}"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        XCTAssertEqual(message(text), "results.json:\(lines):1: expected the end of the file after the JSON document but found more text; "
                       + "remove what follows the document's closing bracket")
    }
}
