import Foundation
import LeptonReport

extension ClaimsLedger {
    /// The per-document coverage table for a terminal, at most 80 columns wide.
    public static func coverageTable(_ entries: [LedgerEntry], documents: [LedgerDocument]) -> String {
        var lines = ["claims ledger: ids with a computed verdict, per source document",
                     "doc   checked  non-contradiction   repro  not-repro  inconcl  findings"]
        for number in documents.map(\.number) + ["all"] {
            let s = summary(entries, document: number)
            let percent = s.verdictIDs == 0 ? 0 : Int((100 * Double(s.verdictChecked) / Double(s.verdictIDs)).rounded())
            let row = pad(number, 4) + "  " + pad("\(s.checked)/\(s.ids)", 7) + "  "
                + pad("\(s.verdictChecked)/\(s.verdictIDs) (\(percent) %)", 18) + "  "
                + pad("\(s.reproduced)", 5) + "  " + pad("\(s.notReproduced)", 9) + "  " + pad("\(s.inconclusive)", 7)
                + "  " + "\(s.findings)/\(s.contradictions)"
            lines.append(row)
        }
        return lines.joined(separator: "\n")
    }

    /// The ledger of `document` ("all" for every document) as a report: one row per id with
    /// the experiment, metric, claimed and computed values, verdict and reason (or "not yet
    /// checked"), and links to the experiment reports. `reportPrefix` is prepended to each
    /// evidence's report path (the ledger's folder relative to the reports folder).
    public static func report(_ entries: [LedgerEntry], documents: [LedgerDocument], document: String,
                              reportPrefix: String = "../") -> Report {
        let mine = document == "all" ? entries : entries.filter { $0.statement.document == document }
        let title = documents.first { $0.number == document }.map { "Claims ledger — \($0.number): \($0.title)" }
            ?? "Claims ledger — all source documents"
        let s = summary(entries, document: document)
        var report = Report(title: title, subtitle: "\(s.verdictChecked) of \(s.verdictIDs) non-contradiction ids with a computed "
                            + "verdict; \(s.findings) of \(s.contradictions) contradictions with a computed finding")
        report.append(.markdown("""
            Every id of `CLAIMS.md`\(document == "all" ? "" : " for document \(document)"), joined with the claims of the \
            latest runs whose source cites it. An id with several claims is *not reproduced* if any of them is, \
            *inconclusive* if any is, else *reproduced*. A contradiction (two parts of the document disagree) is \
            recorded as a finding quoting both sides, never as a verdict. Reproduced \(s.reproduced), not reproduced \
            \(s.notReproduced), inconclusive \(s.inconclusive).
            """))
        let columns = ["Id", "Where", "Kind", "Statement", "Experiment", "Metric", "Claimed", "Computed", "Verdict", "Reason"]
        report.append(.table(ReportTable(caption: "Ledger: one row per id (the claim that decides its verdict)", columns: columns,
                                         rows: mine.map(decisiveRow))))
        report.append(.table(ReportTable(caption: "Every claim citing these ids", columns: columns, rows: mine.flatMap(rows))))
        let reports = Set(mine.flatMap(\.evidence).compactMap { e in e.report.map { "\(e.experiment)|\($0)" } }).sorted()
        if !reports.isEmpty {
            report.append(.markdown("**Experiment reports.**\n\n" + reports.map { item in
                let parts = item.split(separator: "|", maxSplits: 1).map(String.init)
                return "- [\(parts[0])](\(reportPrefix)\(parts[1]))"
            }.joined(separator: "\n")))
        }
        return report
    }

    /// One id's row: its first claim with the id's verdict (the one that decides it), noting how
    /// many claims cite the id; the "not yet checked" row when none does.
    static func decisiveRow(_ entry: LedgerEntry) -> [TableCell] {
        let all = rows(entry)
        guard let verdict = entry.verdict, let index = entry.evidence.firstIndex(where: { $0.result.verdict == verdict }) else {
            return all[0]
        }
        var row = all[index]
        if entry.evidence.count > 1 { row[9] = TableCell(row[9].text + " (1 of \(entry.evidence.count) claims on this id)") }
        return row
    }

    /// The table rows of one id: one per claim, or one "not yet checked" row.
    static func rows(_ entry: LedgerEntry) -> [[TableCell]] {
        let s = entry.statement
        let head: [TableCell] = [TableCell(s.id), TableCell(s.location), TableCell(s.kind), TableCell(s.statement)]
        guard !entry.evidence.isEmpty else {
            return [head + ["—", "—", "—", "—", TableCell(s.isContradiction ? "finding not yet computed" : "not yet checked"),
                            TableCell("to compute: " + s.toCompute)]]
        }
        return entry.evidence.map { e in
            let r = e.result
            let claimed = "\(format(r.claimed)) (accepted [\(format(r.acceptedLow)), \(format(r.acceptedHigh))])"
            let verdict = s.isContradiction ? "finding (\(s.location))" : r.verdict.rawValue
            return head + [TableCell(e.experiment), TableCell(r.metric), TableCell(claimed),
                           TableCell(r.reproduced.map(format) ?? "—"), TableCell(verdict),
                           TableCell("\(r.statement): \(r.reason)")]
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
