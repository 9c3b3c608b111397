import XCTest
@testable import LeptonScheduling

final class InstanceGeneratorTests: XCTestCase {
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

    /// Every drawn quantity lies in the range the documentation gives, and the integer draws
    /// reach both ends of theirs.
    func testEdgeCloudDrawsStayInTheirDocumentedRanges() throws {
        let mebibyte = 1_048_576
        var weights = Set<Int>()
        for seed in UInt64(0)..<20 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.edgeCloud(jobs: 30, devices: 5)
            for device in instance.devices {
                switch device.kind {
                case .edge:
                    XCTAssertTrue((0.5e9..<2e9).contains(device.speed), "\(device)")
                    let memory = try XCTUnwrap(device.memory).bytes
                    XCTAssertTrue((256...1024).contains(memory / mebibyte) && memory % mebibyte == 0, "\(device)")
                case .cloud:
                    XCTAssertTrue((4e9..<10e9).contains(device.speed), "\(device)")
                    XCTAssertNil(device.memory)
                }
            }
            for job in instance.jobs {
                XCTAssertTrue((1e8..<1e10).contains(job.work), "\(job)")
                weights.insert(Int(job.weight))
                XCTAssertTrue(job.memory.bytes % mebibyte == 0 && (0...768).contains(job.memory.bytes / mebibyte), "\(job)")
                XCTAssertTrue(job.input.bytes % 1024 == 0 && (0...4096).contains(job.input.bytes / 1024), "\(job)")
                let origin = try XCTUnwrap(job.origin)
                XCTAssertEqual(instance.devices[origin].kind, .edge)
            }
        }
        XCTAssertEqual(weights, Set(1...5))
    }

    func testDAGIsAcyclicAndHasEdges() throws {
        var generator = InstanceGenerator(seed: 8)
        let instance = try generator.dag(jobs: 20, devices: 3, edgeProbability: 0.3)
        XCTAssertFalse(instance.edges.isEmpty)
        XCTAssertTrue(instance.edges.allSatisfy { $0.from < $0.to })
    }
}
