import LeptonReport
import XCTest
@testable import LeptonLab

final class ClaimsLedgerTests: XCTestCase {
    private let claims = """
        # Checkable statements
        ## 003 — scheduling and an MNIST CNN
        | id | where | kind | statement | what to compute |
        |---|---|---|---|---|
        | 003-C14 | §5.4 | log | 20000/20000 steps | steps per epoch |
        | 003-C16 | §5.4 | log | patience 3, yet 10 epochs | replay |
        | 003-C13 | §5.3 vs §5.2 | contradiction | two conv layers | what the code has |
        ## 004 — cloud platform
        | id | where | kind | statement | what to compute |
        |---|---|---|---|---|
        | 004-C8 | §4.3 | number | Dense 64 → 32 → 1 | parameters |
        """

    private func result(_ source: String, _ verdict: ClaimResult.Verdict, kind: LeptonLab.Claim.Kind = .claim) -> ClaimResult {
        ClaimResult(metric: "m", statement: "s", claimed: 1, acceptedLow: 1, acceptedHigh: 1, reproduced: 2, intervalLow: 2,
                    intervalHigh: 2, n: 1, verdict: verdict, reason: "computed 2", source: source, kind: kind)
    }

    func testParsesDocumentsAndIDs() {
        let (documents, statements) = ClaimsLedger.parse(claims)
        XCTAssertEqual(documents.map(\.number), ["003", "004"])
        XCTAssertEqual(documents.first?.title, "scheduling and an MNIST CNN")
        XCTAssertEqual(statements.map(\.id), ["003-C14", "003-C16", "003-C13", "004-C8"])
        XCTAssertEqual(statements.filter(\.isContradiction).map(\.id), ["003-C13"])
    }

    func testJoinsBySourcePrefixIgnoringChecksAndCountsCoverage() {
        let statements = ClaimsLedger.parse(claims).statements
        let evidence = [
            LedgerEvidence(experiment: "log-003", report: "log-003/r/report.html", result: result("003-C14 (003 §5.4)", .notReproduced)),
            LedgerEvidence(experiment: "log-003", report: nil, result: result("003-C16 (003 §5.4)", .reproduced)),
            LedgerEvidence(experiment: "log-003", report: nil, result: result("003-C16 (003 §5.4)", .inconclusive)),
            LedgerEvidence(experiment: "log-003", report: nil, result: result("003-C13 (003 §5.3 vs §5.2)", .notReproduced)),
            LedgerEvidence(experiment: "x", report: nil, result: result("004-C8 our target", .reproduced, kind: .check)),
            LedgerEvidence(experiment: "x", report: nil, result: result("003-C99", .reproduced)),
        ]
        let entries = ClaimsLedger.join(statements, with: evidence)
        XCTAssertEqual(entries.map(\.verdict), [.notReproduced, .inconclusive, nil, nil])
        let s = ClaimsLedger.summary(entries, document: "003")
        XCTAssertEqual([s.ids, s.checked, s.verdictIDs, s.verdictChecked, s.findings], [3, 3, 2, 2, 1])
        XCTAssertEqual([s.reproduced, s.notReproduced, s.inconclusive], [0, 1, 1])
        XCTAssertEqual(ClaimsLedger.summary(entries, document: "004").verdictChecked, 0)
        XCTAssertEqual(ClaimsLedger.unknownCitations(statements, in: evidence).map(\.result.source), ["003-C99"])
        let table = ClaimsLedger.coverageTable(entries, documents: ClaimsLedger.parse(claims).documents)
        XCTAssertTrue(table.split(separator: "\n").allSatisfy { $0.count <= 80 }, table)
        XCTAssertTrue(table.contains("1/1"), table)
        XCTAssertTrue(table.replacingOccurrences(of: "\n", with: " ").contains("4 claims cite 3 of the 4 ids"), table)
    }

    func testCountsDefinitionalAndUncheckableApartAndReconciles() {
        let statements = ClaimsLedger.parse(claims).statements
        var measured = result("003-C14 (003 §5.4)", .reproduced)
        measured.provenance = .measured
        var arithmetic = result("003-C14 (003 §5.4)", .reproduced)
        arithmetic.provenance = .arithmetic
        var definitional = result("003-C16 (003 §5.4)", .definitional)
        definitional.provenance = .definitional
        let evidence = [measured, arithmetic, definitional].map { LedgerEvidence(experiment: "e", report: nil, result: $0) }
        let sources = LedgerSources(quotes: ["003-C14": SourceQuote("§5.4", "20000/20000")],
                                    uncheckable: ["004-C8": "needs TensorFlow", "003-C14": "ignored: a claim cites it"])
        let entries = ClaimsLedger.join(statements, with: evidence, sources: sources)
        XCTAssertEqual(entries.map(\.verdict), [.reproduced, .definitional, nil, nil])
        XCTAssertEqual(entries[0].quote?.text, "20000/20000")
        XCTAssertNil(entries[0].uncheckable, "a reason is only kept for an id no claim cites")
        let all = ClaimsLedger.summary(entries, document: "all")
        XCTAssertEqual([all.reproduced, all.definitional, all.uncheckable, all.notYetChecked, all.claims], [1, 1, 1, 1, 3])
        XCTAssertEqual(all.reproducedBy, [.measured: 1, .arithmetic: 1])
        let sentence = ClaimsLedger.reconciliation(entries, document: "all")
        XCTAssertTrue(sentence.hasPrefix("3 claims cite 2 of the 4 ids; of the 3 non-contradiction ids 1 are reproduced "
                                         + "(1 with measured evidence, 1 with arithmetic evidence)"), sentence)
        XCTAssertTrue(sentence.contains("1 only definitional"), sentence)
        XCTAssertTrue(sentence.contains("1 ids state why they cannot be checked and 1 are not yet checked"), sentence)
    }

    func testHTMLLedgerListsEveryIDAndLinksReports() throws {
        let (documents, statements) = ClaimsLedger.parse(claims)
        let evidence = [LedgerEvidence(experiment: "log-003", report: "log-003/r/report.html", result: result("003-C14 (003 §5.4)", .notReproduced))]
        let report = ClaimsLedger.report(ClaimsLedger.join(statements, with: evidence), documents: documents, document: "003")
        let html = try report.renderHTML().html
        for id in ["003-C14", "003-C16", "003-C13"] { XCTAssertTrue(html.contains(id), id) }
        XCTAssertFalse(html.contains("004-C8"))
        XCTAssertTrue(html.contains("not yet checked"))
        XCTAssertTrue(html.contains("href=\"../log-003/r/report.html\""), "the claim links its report")
        XCTAssertTrue(html.contains("<span class=\"entry-id\">003-C14</span> <span class=\"verdict not-reproduced\">"),
                      "the verdict stands beside the id")
        XCTAssertTrue(html.contains("href=\"ledger-all.html\"") && html.contains("href=\"ledger-004.html\""),
                      "the per-document summary links the other ledgers")
        XCTAssertFalse(html.contains("<details"), "nothing starts collapsed")
    }
}
