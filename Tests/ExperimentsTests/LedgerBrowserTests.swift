import Foundation
import LeptonLab
import XCTest
@testable import Experiments

/// Acceptance 6: the claims ledger opened in headless Chromium at 1280 px (and 375 px) shows
/// every id's verdict without scrolling sideways, and links every per-document ledger
/// (`scripts/ledger-browser-check.sh`). Skips, saying why, without chromium or CLAIMS.md.
final class LedgerBrowserTests: XCTestCase {
    private var folder: URL!
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-ledger-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs the check script on `ledger`; its exit status and output.
    private func check(_ ledger: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/ledger-browser-check.sh").path, "--widths", "1280 375", ledger.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testEveryVerdictIsVisibleAt1280And375PixelsAndEveryDocumentIsLinked() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") || ProcessInfo.processInfo.environment["CHROMIUM"] != nil else {
            throw XCTSkip("chromium is not installed (apt-get install chromium, or LEPTON_WITH_CHROMIUM=1 make setup)")
        }
        guard let url = ClaimsLedger.defaultPath, let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("../shared/CLAIMS.md is not next to the package")
        }
        // Real claim results: two fast shipped experiments, run once.
        var evidence: [LedgerEvidence] = []
        for e in [makeLog003(.published), makeFormulas000(.published)] {
            let options = RunOptions(profile: "quick", useCache: false, threads: 1, reports: folder.appendingPathComponent("runs"))
            let record = try Runner(experiment: e, options: options).run().record
            evidence += record.claims.map { LedgerEvidence(experiment: e.id, report: "\(e.id)/run/report.html", result: $0) }
        }
        let (documents, statements) = ClaimsLedger.parse(text)
        let entries = ClaimsLedger.join(statements, with: evidence, sources: Catalogue.ledger)
        for number in documents.map(\.number) + ["all"] {
            try ClaimsLedger.report(entries, documents: documents, document: number)
                .write(to: folder.appendingPathComponent("ledger-\(number).html"))
        }
        let all = folder.appendingPathComponent("ledger-all.html")
        let (status, output) = try check(all)
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("@1280px: \(statements.count) entries, every verdict visible"), output)
        for d in documents { XCTAssertTrue(output.contains("ledger-\(d.number).html"), output) }

        // The check can fail: push the badges past the right edge.
        var html = try String(contentsOf: all, encoding: .utf8)
        html = html.replacingOccurrences(of: "</head>", with: "<style>.entry-head { margin-left: 1400px; }</style></head>")
        try html.write(to: all, atomically: true, encoding: .utf8)
        let (broken, brokenOutput) = try check(all)
        XCTAssertEqual(broken, 1, brokenOutput)
        XCTAssertTrue(brokenOutput.contains("verdicts not visible without scrolling sideways"), brokenOutput)
    }
}
