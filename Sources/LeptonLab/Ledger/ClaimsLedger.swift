import Foundation

/// One checkable statement of a source document, as `CLAIMS.md` lists it.
public struct LedgerStatement: Sendable, Equatable {
    /// The stable id, for example "003-C14".
    public var id: String
    /// The document number, for example "003".
    public var document: String
    /// Where in the document ("§5.4").
    public var location: String
    /// "number", "formula", "code", "log", "qualitative", "contradiction" (or a mix, "number / contradiction").
    public var kind: String
    /// The statement, in CLAIMS.md's words.
    public var statement: String
    /// What CLAIMS.md says to compute.
    public var toCompute: String

    /// Whether the statement is a contradiction only (two parts of a document disagree): it
    /// gets findings, not a verdict, and does not count towards verdict coverage.
    public var isContradiction: Bool { kind.trimmingCharacters(in: .whitespaces) == "contradiction" }
}

/// A source document's heading in `CLAIMS.md` ("## 003 — scheduling …").
public struct LedgerDocument: Sendable, Equatable {
    /// The document number, "003".
    public var number: String
    /// Its title after the dash.
    public var title: String
}

/// A claim result of one run, with where its report is.
public struct LedgerEvidence: Sendable, Equatable {
    /// The experiment that checked it.
    public var experiment: String
    /// The run's report (`report.html`), relative to the reports folder; nil if unknown.
    public var report: String?
    /// The verdict and its reason.
    public var result: ClaimResult

    /// Evidence from `experiment`'s run.
    public init(experiment: String, report: String?, result: ClaimResult) {
        self.experiment = experiment
        self.report = report
        self.result = result
    }
}

/// One id of the ledger: the statement and every claim that cites it.
public struct LedgerEntry: Sendable, Equatable {
    /// The statement from CLAIMS.md.
    public var statement: LedgerStatement
    /// The claims whose `source` starts with the id.
    public var evidence: [LedgerEvidence]
    /// The document's own sentence, when the ledger's sources quote it.
    public var quote: SourceQuote? = nil
    /// Why no experiment can give this id a verdict (nil when one can, or when not said).
    public var uncheckable: String? = nil

    /// The id's verdict: not reproduced if any claim is not reproduced, else inconclusive if
    /// any is, else reproduced if any is, else definitional; nil when no claim cites it ("not
    /// yet checked"). A contradiction has findings, not a verdict: nil as well.
    public var verdict: ClaimResult.Verdict? {
        guard !statement.isContradiction else { return nil }
        return ClaimsLedger.combine(evidence.map(\.result.verdict))
    }

    /// Whether some claim cites the id (for a contradiction: whether a finding was computed).
    public var isChecked: Bool { !evidence.isEmpty }
}

/// Coverage and verdict counts of one document (or of all of them).
public struct LedgerSummary: Sendable, Equatable {
    /// "000", …, or "all".
    public var document: String
    /// Ids in CLAIMS.md.
    public var ids: Int
    /// Ids with at least one claim result (contradictions: with a computed finding).
    public var checked: Int
    /// Non-contradiction ids.
    public var verdictIDs: Int
    /// Non-contradiction ids with a verdict.
    public var verdictChecked: Int
    /// Ids per verdict.
    public var reproduced: Int, notReproduced: Int, inconclusive: Int
    /// Ids whose only verdicts are definitional (true by construction; not counted as reproduced).
    public var definitional: Int
    /// Contradiction ids, and those with a computed finding.
    public var contradictions: Int, findings: Int
    /// Ids without a claim and with a stated reason they cannot be checked.
    public var uncheckable: Int
    /// Ids without a claim and without such a reason.
    public var notYetChecked: Int
    /// Claims citing the ids.
    public var claims: Int
    /// Ids with a reproduced verdict, per provenance of the claims that reproduced them
    /// (an id reproduced by a measured and an arithmetic claim counts under both).
    public var reproducedBy: [ProvenanceKind: Int]
}

/// The claims ledger: `CLAIMS.md`'s ids joined with the claim results of runs by the id
/// prefix of each claim's `source` ("003-C14 (003 §5.4)" cites 003-C14).
public enum ClaimsLedger {
    /// The default CLAIMS.md: `../shared/CLAIMS.md` next to the package root.
    public static var defaultPath: URL? {
        LeptonVersion.packageRoot?.deletingLastPathComponent().appendingPathComponent("shared/CLAIMS.md")
    }

    /// The documents and statements of a CLAIMS.md-style text: `## NNN — title` headings,
    /// each followed by a table `| id | where | kind | statement | what to compute |`.
    public static func parse(_ text: String) -> (documents: [LedgerDocument], statements: [LedgerStatement]) {
        var documents: [LedgerDocument] = []
        var statements: [LedgerStatement] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## "), let number = line.dropFirst(3).split(separator: " ").first,
               number.count == 3, number.allSatisfy(\.isNumber) {
                let title = line.components(separatedBy: "—").dropFirst().joined(separator: "—").trimmingCharacters(in: .whitespaces)
                documents.append(LedgerDocument(number: String(number), title: title))
                continue
            }
            guard line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let id = statementID(in: cells[0]), id == cells[0] else { continue }
            statements.append(LedgerStatement(id: id, document: String(id.prefix(3)), location: cells[1], kind: cells[2],
                                              statement: cells[3], toCompute: cells[4]))
        }
        return (documents, statements)
    }

    /// The CLAIMS.md id a claim source starts with ("003-C14 (003 §5.4)" → "003-C14"), or nil.
    public static func statementID(in source: String) -> String? {
        let s = source.trimmingCharacters(in: .whitespaces)
        guard let range = s.range(of: #"^[0-9]{3}-C[0-9]+"#, options: .regularExpression) else { return nil }
        return String(s[range])
    }

    /// Every statement with the claims (kind `.claim`) citing it, in CLAIMS.md's order.
    /// Checks (the project's own targets) are never joined.
    public static func join(_ statements: [LedgerStatement], with evidence: [LedgerEvidence],
                            sources: LedgerSources = .none) -> [LedgerEntry] {
        var byID: [String: [LedgerEvidence]] = [:]
        for e in evidence where e.result.kind != .check {
            if let id = statementID(in: e.result.source) { byID[id, default: []].append(e) }
        }
        return statements.map { s in
            let mine = byID[s.id] ?? []
            return LedgerEntry(statement: s, evidence: mine, quote: sources.quotes[s.id],
                               uncheckable: mine.isEmpty ? sources.uncheckable[s.id] : nil)
        }
    }

    /// Claims whose source cites an id that CLAIMS.md does not list (a typo, or a stale id).
    public static func unknownCitations(_ statements: [LedgerStatement], in evidence: [LedgerEvidence]) -> [LedgerEvidence] {
        let ids = Set(statements.map(\.id))
        return evidence.filter { e in
            e.result.kind != .check && !(statementID(in: e.result.source).map(ids.contains) ?? false)
        }
    }

    /// Coverage and verdict counts for the entries of `document` ("all" for every entry).
    public static func summary(_ entries: [LedgerEntry], document: String) -> LedgerSummary {
        let mine = document == "all" ? entries : entries.filter { $0.statement.document == document }
        let verdicts = mine.compactMap(\.verdict)
        let contradictions = mine.filter(\.statement.isContradiction)
        var by: [ProvenanceKind: Int] = [:]
        for entry in mine where entry.verdict == .reproduced {
            let kinds = Set(entry.evidence.filter { $0.result.verdict == .reproduced }.compactMap(\.result.provenance))
            for k in kinds { by[k, default: 0] += 1 }
        }
        let unchecked = mine.filter { !$0.isChecked }
        return LedgerSummary(
            document: document, ids: mine.count, checked: mine.filter(\.isChecked).count,
            verdictIDs: mine.count - contradictions.count, verdictChecked: verdicts.count,
            reproduced: verdicts.filter { $0 == .reproduced }.count,
            notReproduced: verdicts.filter { $0 == .notReproduced }.count,
            inconclusive: verdicts.filter { $0 == .inconclusive }.count,
            definitional: verdicts.filter { $0 == .definitional }.count,
            contradictions: contradictions.count, findings: contradictions.filter(\.isChecked).count,
            uncheckable: unchecked.filter { $0.uncheckable != nil }.count,
            notYetChecked: unchecked.filter { $0.uncheckable == nil }.count,
            claims: mine.reduce(0) { $0 + $1.evidence.count }, reproducedBy: by)
    }

    /// One id's verdict from its claims' verdicts (nil for none).
    static func combine(_ verdicts: [ClaimResult.Verdict]) -> ClaimResult.Verdict? {
        guard !verdicts.isEmpty else { return nil }
        if verdicts.contains(.notReproduced) { return .notReproduced }
        if verdicts.contains(.inconclusive) { return .inconclusive }
        if verdicts.contains(.reproduced) { return .reproduced }
        return .definitional
    }
}
