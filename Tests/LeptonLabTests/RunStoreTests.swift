import Foundation
import LeptonCharts
import XCTest
@testable import LeptonLab

final class RunStoreTests: LabTestCase {
    func testWritesACompleteRunAndHistory() throws {
        let store = RunStore(root: reports)
        let result = try run(chainExperiment(Counter()))
        let folder = try store.write(result)
        for file in ["results.json", "report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        var written = try store.read(folder)
        XCTAssertEqual(written.history?.count, 1)
        written.history = nil
        XCTAssertEqual(written, result.record)
        XCTAssertEqual(store.history(experiment: "chain").count, 1)
        XCTAssertEqual(try store.locate("chain").path, folder.path)
        XCTAssertEqual(try store.locate(result.record.runID).path, folder.path)
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent(".staging").path)) ?? []
        XCTAssertEqual(staging, [], "nothing left in staging")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Cell: scale"))
        XCTAssertTrue(html.contains("label is a"))
    }

    /// The report is a view of the run folder: rebuilt from a copy, it is the same file.
    func testReportRebuiltFromACopiedFolderIsIdentical() throws {
        let store = RunStore(root: reports)
        let width = Parameter("w", default: 2)
        let acc = Metric("acc", polarity: .higherIsBetter), best = Metric("best", polarity: .higherIsBetter)
        let e = Experiment("rebuild", title: "Rebuild") {
            width
            Markdown("Prose *first*.")
            Sweep("w", over: width, [1, 2]) {
                Cell("fit") { ctx in
                    ctx.record(acc, 1 - 1 / Double(try ctx[width] + 1))
                    ctx.table("t", columns: ["a"], rows: [["\(try ctx[width])"]])
                }
            }
            Cell("plot") { ctx in
                let r = ctx.sweepResults()
                ctx.record(best, r.compactMap { $0[acc] }.max() ?? .nan)
                try ctx.chart(.line(LineChart(title: "acc", series: [LineSeries("acc", x: r.map { Double($0[width] ?? 0) },
                                                                                  y: r.map { $0[acc] ?? .nan })])), caption: "curve")
            }
            Claim(best, expected: 0.6, tolerance: 0.1, source: "x")
        }
        for _ in 0..<3 { try store.write(try run(e, cache: false)) }
        let folder = try store.locate("rebuild")
        let original = try Data(contentsOf: folder.appendingPathComponent("report.html"))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: folder, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("report.html"))
        let rebuilt = try Data(contentsOf: try RunStore(root: copy.deletingLastPathComponent()).rebuildReport(in: copy))
        XCTAssertEqual(rebuilt, original)
        let html = String(decoding: original, as: UTF8.self)
        XCTAssertTrue(html.contains("History"), "three runs give the trend section, from results.json")
    }

    /// Runs finishing at the same moment each keep their history line.
    func testConcurrentWritersKeepEveryHistoryEntry() throws {
        let store = RunStore(root: reports)
        let results = try (0..<8).map { i in try run(chainExperiment(Counter()), cache: false, seed: UInt64(i + 1)) }
        DispatchQueue.concurrentPerform(iterations: results.count) { i in _ = try? store.write(results[i]) }
        XCTAssertEqual(Set(store.history(experiment: "chain").map(\.runID)), Set(results.map(\.record.runID)))
    }
}
