import XCTest
@testable import LeptonScheduling

final class InstanceGeneratorTests: XCTestCase {
    func testSplitMix64MatchesTheReferenceSequence() {
        // Reference output of splitmix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
    }

    func testSameSeedSameInstanceDifferentSeedDifferentInstance() throws {
        var a = InstanceGenerator(seed: 42)
        var b = InstanceGenerator(seed: 42)
        var c = InstanceGenerator(seed: 43)
        let first = try a.edgeCloud(jobs: 6, devices: 4)
        XCTAssertEqual(first, try b.edgeCloud(jobs: 6, devices: 4))
        XCTAssertNotEqual(first, try c.edgeCloud(jobs: 6, devices: 4))
    }

    func testEdgeCloudHasACloudDeviceAndEveryJobCanRun() throws {
        for seed in UInt64(0)..<20 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.edgeCloud(jobs: 10, devices: 5)
            XCTAssertEqual(instance.devices.filter { $0.kind == .cloud }.count, 2)
            XCTAssertTrue(instance.isIndependent)
        }
    }

    func testIntegerDrawsStayInRange() {
        var rng = SplitMix64(seed: 5)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = rng.integer(in: 3...7)
            XCTAssertTrue((3...7).contains(value))
            seen.insert(value)
        }
        XCTAssertEqual(seen, Set(3...7))
    }

    func testDAGIsAcyclicAndHasEdges() throws {
        var generator = InstanceGenerator(seed: 8)
        let instance = try generator.dag(jobs: 20, devices: 3, edgeProbability: 0.3)
        XCTAssertFalse(instance.edges.isEmpty)
        XCTAssertTrue(instance.edges.allSatisfy { $0.from < $0.to })
    }
}
