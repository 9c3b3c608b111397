import ArgumentParser
import Foundation
import LeptonLab
import LeptonReport

/// The claims ledger of `lepton reproduce`: the coverage table on standard output and the
/// HTML ledgers (one per document, one for all) in `<reports>/ledger/`.
enum LedgerOutput {
    /// Joins `evidence` with the ids of `claimsFile` (default ``ClaimsLedger/defaultPath``),
    /// prints the coverage table and writes the ledgers. Without a CLAIMS.md it notes why and
    /// returns (the claims table is still printed); a named file that cannot be read exits 1.
    static func write(evidence: [LedgerEvidence], claimsFile: String?, reports: URL) throws {
        guard let url = claimsFile.map({ URL(fileURLWithPath: $0) }) ?? ClaimsLedger.defaultPath,
              FileManager.default.fileExists(atPath: url.path) || claimsFile != nil else {
            Terminal.note("no claims ledger: ../shared/CLAIMS.md not found (pass --claims FILE)")
            return
        }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            Terminal.note("error: cannot read the claims list \(url.path): \(error.localizedDescription); pass --claims FILE")
            throw ExitCode.failure
        }
        let (documents, statements) = ClaimsLedger.parse(text)
        guard !statements.isEmpty else {
            Terminal.note("error: \(url.path) lists no ids (expected tables with rows like '| 003-C14 | §5.4 | log | … | … |')")
            throw ExitCode.failure
        }
        let entries = ClaimsLedger.join(statements, with: evidence, sources: LeptonCLI.ledgerSources)
        print(ClaimsLedger.coverageTable(entries, documents: documents))
        let other = ClaimsLedger.otherClaimsSentence(evidence, statements: statements)
        print(ClaimsLedger.wrap(other, width: 80).joined(separator: "\n"))
        if let seeds = LedgerSources.defaultSeedsFolder, FileManager.default.fileExists(atPath: seeds.path) {
            for problem in LeptonCLI.ledgerSources.unverifiedQuotes(in: seeds) { Terminal.note("warning: quote \(problem)") }
        }
        // A source that looks like an id but is not listed is a typo or a stale id; a paper is not.
        for e in ClaimsLedger.unknownCitations(statements, in: evidence)
        where e.result.source.range(of: #"^[0-9]{3}-C"#, options: .regularExpression) != nil {
            Terminal.note("warning: \(e.experiment) claim '\(e.result.statement)' cites '\(e.result.source)', not an id of \(url.lastPathComponent)")
        }
        let folder = reports.appendingPathComponent("ledger")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in documents.map(\.number) + ["all"] {
            let report = ClaimsLedger.report(entries, documents: documents, document: number, otherClaims: other)
            try report.write(to: folder.appendingPathComponent("ledger-\(number).html"))
        }
        Terminal.note("ledger: \(folder.appendingPathComponent("ledger-all.html").path) (and ledger-NNN.html per document)")
    }
}
