import Foundation
import XCTest
import LeptonCharts
@testable import LeptonReport

/// Reports opened in a real browser: Debian's `chromium`, headless, at 375 px and
/// 1280 px, through `scripts/browser-check.sh` (no broken image, no script error,
/// nothing past the right edge). Needs `chromium` (CI installs it with
/// `LEPTON_WITH_CHROMIUM=1 make setup`) and, for the Chinese text, `fonts-wqy-zenhei`;
/// skips, saying so, when chromium is absent.
final class BrowserTests: XCTestCase {
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/browser-check.sh")

    private struct Outcome {
        var status: Int32
        var output: String
    }

    private func requireChromium() throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard path.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/chromium") }) else {
            throw XCTSkip("chromium is not installed: apt-get install chromium (CI: LEPTON_WITH_CHROMIUM=1 make setup)")
        }
    }

    private func write(_ reports: [(String, Report)]) throws -> [URL] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // LEPTON_REPORT_DUMP=/some/folder keeps the reports there, for screenshots.
        let keep = ProcessInfo.processInfo.environment["LEPTON_REPORT_DUMP"]
        addTeardownBlock {
            if let keep {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                    let target = URL(fileURLWithPath: keep).appendingPathComponent(name)
                    try? FileManager.default.removeItem(at: target)
                    try? FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target)
                }
            }
            try? FileManager.default.removeItem(at: folder)
        }
        return try reports.map { name, report in
            let url = folder.appendingPathComponent("\(name).html")
            try report.write(to: url)
            return url
        }
    }

    private func check(_ files: [URL]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    func testHostileChineseAndLongStringsStayWithinThePageAtPhoneAndDesktopWidths() throws {
        try requireChromium()
        let files = try write([("readers-en", ReportFixtures.readers()), ("readers-zh", ReportFixtures.readers(language: .zh))])
        let outcome = try check(files)
        XCTAssertEqual(outcome.status, 0, outcome.output)
        let passed = outcome.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }
        XCTAssertEqual(passed.count, 4, "two reports at two widths:\n" + outcome.output)
        XCTAssertTrue(outcome.output.contains("@375px: 1 images, 0 broken"), outcome.output)
        // The 300-character cells wrap: no table of this report needs to scroll, even at 375 px.
        XCTAssertEqual(outcome.output.components(separatedBy: "; 0 tables scroll within their frame").count - 1, 4, outcome.output)
    }

    func testADeliberatelyBrokenImageFailsTheCheck() throws {
        try requireChromium()
        let files = try write([("broken", ReportFixtures.brokenImage())])
        let outcome = try check(files)
        XCTAssertEqual(outcome.status, 1, outcome.output)
        XCTAssertTrue(outcome.output.contains("@375px: 1 of 1 images broken"), outcome.output)
        XCTAssertTrue(outcome.output.contains("@1280px: 1 of 1 images broken"), outcome.output)
    }
}
