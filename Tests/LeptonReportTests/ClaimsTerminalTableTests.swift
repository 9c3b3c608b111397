import XCTest
@testable import LeptonReport

final class ClaimsTerminalTableTests: XCTestCase {
    private let groups = [
        ClaimsTerminalTable.Group(experiment: "seed-cnn", claims: [
            ClaimRow("test accuracy", claimed: "0.986", reproduced: "0.961", verdict: .inconclusive, source: "003 §5.4"),
            ClaimRow("train accuracy after 10 epochs on MNIST with the paper's optimiser settings", claimed: "0.995",
                  reproduced: "0.990", verdict: .reproduced, source: "003 §5.4 table 2"),
        ]),
        ClaimsTerminalTable.Group(experiment: "scheduling-003", claims: [
            ClaimRow("任务 3 的优先级", claimed: "0.42", reproduced: "0.57", verdict: .notReproduced, source: "003 §4.3"),
        ]),
    ]

    func testLinesFitEightyColumnsAndAlign() {
        let lines = ClaimsTerminalTable.lines(groups)
        XCTAssertEqual(lines.count, 2 + 2 + 2 + 1 + 1, "per group a heading, a header and its rows; then the total")
        for line in lines { XCTAssertLessThanOrEqual(ClaimsTerminalTable.displayWidth(line), 80, line) }
        XCTAssertEqual(lines[0], "seed-cnn — Claims 2: 1 reproduced, 1 inconclusive")
        XCTAssertEqual(lines[4], "scheduling-003 — Claims 1: 1 not reproduced")
        XCTAssertEqual(lines.last, "Σ — Claims 3: 1 reproduced, 1 not reproduced, 1 inconclusive")
        // The verdict column starts at the same display column on every row, wide characters counted twice.
        let rows = [lines[1], lines[2], lines[3], lines[5], lines[6]]
        let columns = rows.map { row -> Int in
            for marker in ["Verdict", "✓ ", "✗ ", "? "] {
                if let range = row.range(of: marker) { return ClaimsTerminalTable.displayWidth(String(row[..<range.lowerBound])) }
            }
            return -1
        }
        XCTAssertEqual(Set(columns).count, 1, "verdicts aligned: \(columns)\n" + lines.joined(separator: "\n"))
        XCTAssertTrue(lines[3].contains("…"), "the long claim is shortened")
    }

    func testNarrowWidthAndChineseWords() {
        let lines = ClaimsTerminalTable.lines(groups, width: 60, strings: .chinese)
        for line in lines { XCTAssertLessThanOrEqual(ClaimsTerminalTable.displayWidth(line), 60, line) }
        XCTAssertTrue(lines[0].hasPrefix("seed-cnn — 论断 2: 1 已复现, 1 无定论"))
        XCTAssertEqual(ClaimsTerminalTable.displayWidth("任务ab"), 6)
        XCTAssertEqual(ClaimsTerminalTable.lines([ClaimsTerminalTable.Group(experiment: "x\u{1B}[31m", claims: [])])[0],
                       "x [31m — Claims 0", "escape sequences are neutralised")
    }
}
