import Foundation
import LeptonLab
import LeptonReport

/// Plain-text summaries of runs and claims for the terminal.
enum RunSummary {
    static func text(_ r: RunRecord) -> String {
        var lines = ["\(r.experiment) — \(r.title)",
                     "run \(r.runID), profile \(r.profile ?? "default"), seed \(r.seed)\(r.replicates > 1 ? ", \(r.replicates) seeds" : "")"]
        let ran = r.cells.filter { $0.status == .ran }.count
        lines.append("cells: \(ran) ran, \(r.cells.count - ran) cached")
        for s in r.summary where s.point == nil {
            var line = "  \(s.name) = \(number(s.mean))\(s.unit.map { " \($0)" } ?? "")"
            if s.n > 1 { line += " ± \(number(s.std)) (95 % CI \(number(s.ci95Low))–\(number(s.ci95High)), n = \(s.n))" }
            lines.append(line)
        }
        if let sweep = r.sweepName {
            lines.append("sweep '\(sweep)': \(r.sweepPoints.count) points" + (r.replicates > 1 ? ", means over \(r.replicates) seeds [95 % interval]" : ""))
            for (p, values) in r.sweepPoints.enumerated() {
                let metrics = r.summary.filter { $0.point == p }.map {
                    "\($0.name) = \(number($0.mean))" + ($0.n > 1 ? " [\(number($0.ci95Low)), \(number($0.ci95High))]" : "")
                }.joined(separator: ", ")
                lines.append("  [\(p)] " + values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: " ") + "  " + metrics)
            }
        }
        if !r.claims.isEmpty { lines.append(claimsTable(r.claims.map { (r.experiment, $0) })) }
        return lines.joined(separator: "\n")
    }

    /// The claims as an aligned table grouped by experiment (at most 80 columns), then
    /// one line per claim not reproduced, with the reason.
    static func claimsTable(_ rows: [(String, ClaimResult)]) -> String {
        var groups: [ClaimsTerminalTable.Group] = []
        for (experiment, c) in rows {
            var reproduced = c.reproduced.map(number).map { v in v + (c.unit.map { $0 == "×" ? "×" : " \($0)" } ?? "") } ?? "—"
            if c.n > 1, let lo = c.intervalLow, let hi = c.intervalHigh { reproduced += " [\(number(lo)), \(number(hi))]" }
            let claim = ClaimRow(c.statement, claimed: c.claimedDisplay, reproduced: reproduced, verdict: c.verdict,
                                           source: c.kind == .check ? "check" : (ClaimsLedger.statementID(in: c.source) ?? c.source),
                                           provenance: c.provenanceLabel)
            if groups.last?.experiment == experiment {
                groups[groups.count - 1].claims.append(claim)
            } else {
                groups.append(ClaimsTerminalTable.Group(experiment: experiment, claims: [claim]))
            }
        }
        var lines = ClaimsTerminalTable.lines(groups)
        let claims = rows.map(\.1).filter { $0.kind != .check }
        if !claims.isEmpty { lines += ClaimsLedger.wrap("Σ claims (checks left out) — " + ClaimCounts(claims).sentence, width: 80) }
        for (experiment, c) in rows where c.verdict != .reproduced {
            lines.append("\(c.verdict.rawValue.uppercased()) \(experiment): \(c.statement) (accepted \(number(c.acceptedLow))–\(number(c.acceptedHigh))) — \(c.reason)")
        }
        return lines.joined(separator: "\n")
    }

    /// A value as reports write it (``NumberFormat/general(_:)``: NaN reads "NaN" here too).
    static func number(_ v: Double) -> String { NumberFormat.general(v) }
}
