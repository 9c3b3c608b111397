import Foundation
import XCTest
@testable import LeptonEmulation

final class WorkloadTests: XCTestCase {
    func testPoissonArrivalsAreSeededWithTheRequestedRate() throws {
        let w = Workload.poisson(ratePerSecond: 50, requestsPerEdge: 2000)
        let a = try w.arrivals(edges: ["e1", "e2"], seed: 4)
        XCTAssertEqual(a, try w.arrivals(edges: ["e1", "e2"], seed: 4))
        XCTAssertNotEqual(a, try w.arrivals(edges: ["e1", "e2"], seed: 5))
        XCTAssertEqual(a.count, 4000)
        XCTAssertEqual(a.map(\.time), a.map(\.time).sorted())
        let e1 = a.filter { $0.edge == "e1" }
        let rate = Double(e1.count) / (e1.last?.time.sinceStart.seconds ?? 1)
        XCTAssertEqual(rate, 50, accuracy: 5)
        XCTAssertThrowsError(try Workload.poisson(ratePerSecond: 0, requestsPerEdge: 1).arrivals(edges: ["e"], seed: 1))
    }

    func testTraceFileIsReplayedAndBadLinesAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.csv")
        try "# seconds,edge\n0.5,cam-2\n0.1\n\n0.25 # comment\n1.0,cam-1\n".write(to: good, atomically: true, encoding: .utf8)
        let arrivals = try Workload.trace(contentsOf: good).arrivals(edges: ["cam-1", "cam-2"], seed: 1)
        XCTAssertEqual(arrivals.map(\.time.nanoseconds), [100_000_000, 250_000_000, 500_000_000, 1_000_000_000])
        XCTAssertEqual(arrivals.map(\.edge), ["cam-1", "cam-2", "cam-2", "cam-1"], "lines without a tier take the edges in turn")
        let bad = dir.appendingPathComponent("bad.csv")
        try "0.1\nsoon,cam-1\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Workload.trace(contentsOf: bad)) {
            XCTAssertTrue("\($0)".contains("bad.csv:2"), "\($0)")
        }
        XCTAssertThrowsError(try Workload.trace([.init(time: .zero, edge: "mars")]).arrivals(edges: ["cam-1"], seed: 1)) {
            XCTAssertTrue("\($0)".contains("mars"), "\($0)")
        }
    }
}
