import Foundation
import LeptonReport

extension ClaimsLedger {
    /// The per-document coverage table for a terminal (at most 80 columns), then the
    /// sentence that ties claims to ids.
    public static func coverageTable(_ entries: [LedgerEntry], documents: [LedgerDocument]) -> String {
        var lines = ["claims ledger: every CLAIMS.md id, per source document (verdicts per id)",
                     "doc  ids  repro  not-repro  inconcl  defin  findings  no-check  not-yet"]
        for number in documents.map(\.number) + ["all"] {
            let s = summary(entries, document: number)
            let row = pad(number, 3) + "  " + pad("\(s.ids)", 3) + "  " + pad("\(s.reproduced)", 5) + "  "
                + pad("\(s.notReproduced)", 9) + "  " + pad("\(s.inconclusive)", 7) + "  " + pad("\(s.definitional)", 5)
                + "  " + pad("\(s.findings)/\(s.contradictions)", 8) + "  " + pad("\(s.uncheckable)", 8) + "  " + "\(s.notYetChecked)"
            lines.append(row)
        }
        lines += wrap(reconciliation(entries, document: "all"), width: 80)
        return lines.joined(separator: "\n")
    }

    /// "109 claims in all (checks left out): 103 cite CLAIMS.md ids (above); 6 cite other
    /// sources: McMahan et al. 2017 (Table 2) (6)" — what ties the terminal's claim count to the ledger.
    public static func otherClaimsSentence(_ evidence: [LedgerEvidence], statements: [LedgerStatement]) -> String {
        let claims = evidence.filter { $0.result.kind != .check }
        let other = unknownCitations(statements, in: claims)
        var bySource: [String: Int] = [:]
        for e in other { bySource[e.result.source, default: 0] += 1 }
        let list = bySource.keys.sorted().map { "\($0) (\(bySource[$0] ?? 0))" }.joined(separator: ", ")
        return "\(claims.count) claims in all (checks left out): \(claims.count - other.count) cite CLAIMS.md ids (counted per id above)"
            + (other.isEmpty ? "." : "; \(other.count) cite other sources: \(list).")
    }

    /// `text` broken at spaces into lines of at most `width` characters.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// One sentence from claims to ids: "115 claims cite 60 of the 72 ids; of the 64
    /// non-contradiction ids, 20 reproduced (…), … ; 8 contradictions …; 4 cannot be checked (…)".
    public static func reconciliation(_ entries: [LedgerEntry], document: String) -> String {
        let s = summary(entries, document: document)
        let by = ProvenanceKind.allCases.compactMap { k in s.reproducedBy[k].map { "\($0) with \(k.rawValue) evidence" } }
        return "\(s.claims) claims cite \(s.checked) of the \(s.ids) ids; of the \(s.verdictIDs) non-contradiction ids "
            + "\(s.reproduced) are reproduced" + (by.isEmpty ? "" : " (\(by.joined(separator: ", ")))")
            + ", \(s.notReproduced) not reproduced, \(s.inconclusive) inconclusive and \(s.definitional) only definitional "
            + "(true by construction, not counted as reproduced); \(s.findings) of \(s.contradictions) contradictions have a computed "
            + "finding; \(s.uncheckable) ids state why they cannot be checked and \(s.notYetChecked) are not yet checked."
    }

    /// The ledger of `document` ("all" for every document) as a report: a per-document summary
    /// with links, then one entry per id — the verdict beside the id, the provenance, the
    /// document's own sentence, CLAIMS.md's statement, each claim's reading, claimed and
    /// computed values (with units) and a link to the report section that computed it; or
    /// the reason the id cannot be checked. `reportPrefix` is prepended to each report path
    /// (the ledger's folder relative to the reports folder).
    public static func report(_ entries: [LedgerEntry], documents: [LedgerDocument], document: String,
                              reportPrefix: String = "../", otherClaims: String? = nil) -> Report {
        let title = documents.first { $0.number == document }.map { "Claims ledger — \($0.number): \($0.title)" }
            ?? "Claims ledger — all source documents"
        var report = Report(title: title, subtitle: reconciliation(entries, document: document))
        report.append(.markdown(summaryTable(entries, documents: documents, current: document)))
        if let otherClaims, document == "all" { report.append(.markdown(escape(otherClaims))) }
        report.append(.markdown("""
            Each id shows its verdict first. An id with several claims is *not reproduced* if any of them is, \
            *inconclusive* if any is, else *reproduced*; an id whose only evidence holds by construction is \
            *definitional* and is not counted as reproduced. **Provenance**: *measured* (real compute on this \
            machine), *modelled* (the emulator or a cost model; the assumed constants are named, and a verdict \
            that flips under another clock or a constant's plausible range is inconclusive), *arithmetic* (the \
            document's printed numbers), *definitional*. **Claimed** is a number only where the document prints \
            one, else the direction. A threshold the document does not give is marked *Lepton's choice*, with \
            its break-even. A contradiction (two parts of the document disagree) gets a finding, not a verdict.
            """))
        let shown = document == "all" ? documents.map(\.number) : [document]
        for number in shown {
            let mine = entries.filter { $0.statement.document == number }
            guard !mine.isEmpty else { continue }
            let heading = documents.first { $0.number == number }.map { "\($0.number) — \($0.title)" } ?? number
            report.append(.section(ReportSection(heading, blocks: [.entries(mine.map { entry($0, reportPrefix: reportPrefix) })])))
        }
        return report
    }

    /// The per-document summary as a Markdown table with a link to each document's ledger.
    static func summaryTable(_ entries: [LedgerEntry], documents: [LedgerDocument], current: String) -> String {
        var lines = ["| document | ids | reproduced | not reproduced | inconclusive | definitional | findings | cannot be checked | not yet checked |",
                     "|---|---|---|---|---|---|---|---|---|"]
        for number in documents.map(\.number) + ["all"] {
            let s = summary(entries, document: number)
            let name = number == "all" ? "all" : number
            let link = number == current ? "**\(name)**" : "[\(name)](ledger-\(number).html)"
            lines.append("| \(link) | \(s.ids) | \(s.reproduced) | \(s.notReproduced) | \(s.inconclusive) | \(s.definitional) | "
                         + "\(s.findings)/\(s.contradictions) | \(s.uncheckable) | \(s.notYetChecked) |")
        }
        return "**Per document** (each links to its ledger):\n\n" + lines.joined(separator: "\n")
    }

    /// One id as a ledger entry.
    static func entry(_ entry: LedgerEntry, reportPrefix: String) -> ReportEntry {
        let s = entry.statement
        var fields: [ReportEntry.Field] = []
        if let quote = entry.quote {
            fields.append(ReportEntry.Field("Document (\(s.document) \(quote.section))", "「\(escape(quote.text))」", language: "zh"))
        } else {
            fields.append(ReportEntry.Field("Document (\(s.document) \(s.location))", "*not quoted*"))
        }
        fields.append(ReportEntry.Field("CLAIMS.md (\(s.kind))", escape(s.statement)))
        let kinds = Set(entry.evidence.compactMap(\.result.provenance))
        let tag = ProvenanceKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: " + ")
        guard !entry.evidence.isEmpty else {
            if let why = entry.uncheckable {
                fields.append(ReportEntry.Field("Why no verdict", escape(why)))
                return ReportEntry(id: s.id, verdict: nil, status: "cannot be checked", fields: fields)
            }
            fields.append(ReportEntry.Field("To compute", escape(s.toCompute)))
            return ReportEntry(id: s.id, verdict: nil, status: s.isContradiction ? "finding not yet computed" : "not yet checked",
                               fields: fields)
        }
        for (index, e) in entry.evidence.enumerated() {
            let r = e.result
            let label = entry.evidence.count > 1 ? "Claim \(index + 1) of \(entry.evidence.count)" : "Claim"
            fields.append(ReportEntry.Field(label, "**\(r.verdict.rawValue)** · *\(r.provenanceLabel)* · \(escape(e.experiment)) — "
                                            + "Lepton's reading: " + escape(r.statement)))
            fields.append(ReportEntry.Field("Claimed", escape(r.claimedDisplay) + " (accepted \(format(r.acceptedLow))–\(format(r.acceptedHigh))"
                                            + "\(r.unit.map { " \(escape($0))" } ?? ""))"))
            fields.append(ReportEntry.Field("Computed", escape(r.computedDisplay)))
            if let detail = r.provenanceDetail { fields.append(ReportEntry.Field("Provenance", escape(detail))) }
            for choice in r.choices ?? [] {
                fields.append(ReportEntry.Field("Lepton's choice", escape(choice.replacingOccurrences(of: "Lepton's choice: ", with: ""))))
            }
            fields.append(ReportEntry.Field("Why", escape(r.reason)))
            if let path = e.report {
                let anchor = r.cell.map { "#" + sectionAnchor("Cell: \($0)") } ?? ""
                fields.append(ReportEntry.Field("Report", "[\(escape(e.experiment))\(r.cell.map { ", cell \(escape($0))" } ?? "")]"
                                                + "(\(reportPrefix)\(path)\(anchor))"))
            }
        }
        if s.isContradiction {
            return ReportEntry(id: s.id, verdict: nil, status: "finding (\(s.location))", tag: tag, fields: fields)
        }
        return ReportEntry(id: s.id, verdict: entry.verdict, tag: tag, fields: fields)
    }

    /// The anchor `report.html` gives a section titled `title` (HTMLWriter's rule: ASCII
    /// letters and digits lower-cased, runs of anything else one dash).
    static func sectionAnchor(_ title: String) -> String {
        let slug = title.lowercased().unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? String(scalar) : "-"
        }.joined().split(separator: "-").joined(separator: "-")
        return "section-" + slug
    }

    /// Markdown-escaped text (the ledger quotes source text that may contain `*`, `_`, `[`).
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
