import ArgumentParser
import Foundation
import LeptonLab

/// `lepton audit`: the claims ledger of the latest recorded runs, without running anything.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the claims ledger (coverage per source document) from the latest recorded runs; writes the HTML ledgers.",
        discussion: "Experiments never run count as not yet checked; `lepton reproduce` runs them first.")

    @Option(help: "The CLAIMS.md whose ids the ledger lists (default: ../shared/CLAIMS.md next to the package).")
    var claims: String?
    @Option(help: "Reports folder.") var reports: String?

    func validate() throws {
        if let claims, !FileManager.default.fileExists(atPath: claims) {
            throw ValidationError("--claims \(claims): no such file (a CLAIMS.md-style list of ids)")
        }
    }

    func run() throws {
        let store = RunStore(root: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
        var evidence: [LedgerEvidence] = []
        for e in LeptonCLI.experiments where !e.claims.isEmpty {
            guard let folder = try? store.locate(e.id), let record = try? store.read(folder) else {
                Terminal.note("\(e.id): no recorded run")
                continue
            }
            let report = folder.path.hasPrefix(store.root.path + "/")
                ? String(folder.path.dropFirst(store.root.path.count + 1)) + "/report.html" : nil
            evidence += record.claims.map { LedgerEvidence(experiment: e.id, report: report, result: $0) }
        }
        try LedgerOutput.write(evidence: evidence, claimsFile: claims, reports: store.root)
    }
}
