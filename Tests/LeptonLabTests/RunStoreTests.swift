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

    /// Staging folders are removed only when a dead process of this host owns them; on a
    /// shared file system another host's folder (whatever its pid) and a live one stay.
    func testStaleStagingIsHostQualified() throws {
        let staging = reports.appendingPathComponent(".staging")
        let host = CacheOwner.current.host.replacingOccurrences(of: "-", with: "_")
        var dead: Int32 = 999_999
        while kill(dead, 0) == 0 { dead -= 1 }
        let names = ["chain-20260101-000000-\(host)_\(dead)", "chain-20260101-000001-\(host)_\(getpid())",
                     "chain-20260101-000002-otherhost_\(dead)", "chain-20260101-000003-other_host_\(getpid())"]
        for n in names { try FileManager.default.createDirectory(at: staging.appendingPathComponent(n), withIntermediateDirectories: true) }
        RunStore(root: reports).sweepStaleStaging()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: staging.path).sorted(), Array(names.dropFirst()))
    }

    /// results.json written before cells recorded their threads still reads (threads nil).
    func testOlderResultsWithoutCellThreadsDecode() throws {
        let record = try run(chainExperiment(Counter())).record
        XCTAssertTrue(record.cells.allSatisfy { $0.threads == 1 })
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: RunStore.encode(record)) as? [String: Any])
        json["cells"] = (json["cells"] as? [[String: Any]])?.map { cell in cell.filter { $0.key != "threads" } }
        let old = try JSONSerialization.data(withJSONObject: json)
        let decoded = try LabJSON.decoder().decode(RunRecord.self, from: old)
        XCTAssertEqual(decoded.cells.map(\.cell), record.cells.map(\.cell))
        XCTAssertTrue(decoded.cells.allSatisfy { $0.threads == nil })
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
