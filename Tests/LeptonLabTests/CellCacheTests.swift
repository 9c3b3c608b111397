import Foundation
import XCTest
@testable import LeptonLab

final class CellCacheTests: LabTestCase {
    /// Changing one parameter reruns exactly the cells that read it and the cells that
    /// read their artifacts.
    func testCacheRerunsOnlyWhatDependsOnAChange() throws {
        let counter = Counter()
        let e = chainExperiment(counter)
        XCTAssertEqual(statuses(try run(e)), ["draw": .ran, "scale": .ran, "label": .ran])
        XCTAssertEqual(statuses(try run(e)), ["draw": .cached, "scale": .cached, "label": .cached])
        XCTAssertEqual(statuses(try run(e, ["label=bb"])), ["draw": .cached, "scale": .cached, "label": .ran])
        XCTAssertEqual(statuses(try run(e, ["scale=3"])), ["draw": .cached, "scale": .ran, "label": .cached])
        XCTAssertEqual(statuses(try run(e, ["n=50"])), ["draw": .ran, "scale": .ran, "label": .cached])
        XCTAssertEqual(statuses(try run(e, seed: 5)), ["draw": .ran, "scale": .ran, "label": .cached],
                       "a new seed reruns the cell that drew random numbers and the one that used them")
        XCTAssertEqual(statuses(try run(e, cache: false)), ["draw": .ran, "scale": .ran, "label": .ran])
        XCTAssertEqual(counter.count("label"), 3)
        XCTAssertEqual(try run(e, ["scale=3"]).record.metrics, try run(e, ["scale=3"], cache: false).record.metrics)
    }

    func testEntryRoundTripsNonFiniteValuesAndTypedReads() throws {
        let cache = CellCache(root: reports)
        let (dir, _) = cache.directory(experiment: "x", cell: "c", code: "abc", numerics: "n", point: nil, replicate: 0)
        var output = CellOutput()
        output.metrics = [.nan, .infinity, -.infinity].enumerated().map { i, v in
            MetricRecord(name: "m\(i)", value: v, unit: nil, polarity: .neutral, measured: false, cell: "c", point: nil,
                         replicate: 0, samples: [1, v])
        }
        output.reads = [.parameter(name: "p", value: .doubles([1, 2])), .seed(3), .artifact(name: "a", sha256: "ff")]
        try cache.store(output, seconds: 0.5, threads: 2, in: dir)
        let current: (CellRead.Input) -> CellRead? = { input in output.reads.first { $0.input == input } }
        let (hit, meta) = try XCTUnwrap(cache.lookup(in: dir, current: current))
        XCTAssertEqual(meta.seconds, 0.5)
        XCTAssertEqual(meta.threads, 2)
        XCTAssertTrue(hit.metrics[0].value.isNaN)
        XCTAssertEqual(hit.metrics[1].value, .infinity)
        XCTAssertEqual(hit.metrics[2].samples, [1, -.infinity])
        XCTAssertEqual(hit.reads, output.reads)
        XCTAssertNil(cache.lookup(in: dir) { $0 == .seed ? .seed(4) : current($0) }, "a read with another value misses")
        XCTAssertNil(cache.lookup(in: dir) { $0 == .seed ? nil : current($0) }, "a read that no longer exists misses")
    }

    func testCodeKeyAndPositionSeparateEntries() {
        let cache = CellCache(root: reports)
        let a = cache.directory(experiment: "x", cell: "c", code: "one", numerics: "n", point: nil, replicate: 0).0
        XCTAssertNotEqual(a, cache.directory(experiment: "x", cell: "c", code: "two", numerics: "n", point: nil, replicate: 0).0)
        XCTAssertNotEqual(a, cache.directory(experiment: "x", cell: "c", code: "one", numerics: "n", point: 0, replicate: 0).0)
        XCTAssertNotEqual(a, cache.directory(experiment: "x", cell: "c", code: "one", numerics: "n", point: nil, replicate: 1).0)
        // Other numerics (a CPU without FMA sharing the folder): another entry, the same shown key.
        let other = cache.directory(experiment: "x", cell: "c", code: "one", numerics: "m", point: nil, replicate: 0)
        XCTAssertNotEqual(a, other.0)
        XCTAssertEqual(cache.directory(experiment: "x", cell: "c", code: "one", numerics: "n", point: nil, replicate: 0).1, other.1)
    }

    /// Temporary entries are removed only when they belong to a dead process of this host;
    /// another host's entries (a shared file system) are never touched.
    func testStaleTemporaryEntriesAreHostQualified() throws {
        let cache = CellCache(root: reports)
        let base = reports.appendingPathComponent("x").appendingPathComponent("c").appendingPathComponent("k")
        let host = CacheOwner.current.host.replacingOccurrences(of: "-", with: "_")
        var dead: Int32 = 999_999
        while kill(dead, 0) == 0 { dead -= 1 }
        let names = [".tmp-e1-\(host)_\(dead)-aaaa", ".tmp-e2-\(host)_\(getpid())-bbbb", ".tmp-e3-otherhost_\(dead)-cccc"]
        for n in names { try FileManager.default.createDirectory(at: base.appendingPathComponent(n), withIntermediateDirectories: true) }
        cache.sweepStale(experiment: "x")
        let left = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
        XCTAssertEqual(left, [names[1], names[2]])
    }
}
