import LeptonCore
import XCTest
@testable import LeptonScheduling

final class SchedulingInstanceTests: XCTestCase {
    private let devices = [Device(name: "edge", speed: 1, memory: .mebibytes(1)), Device(name: "cloud", kind: .cloud, speed: 4)]

    func testRejectsANonPositiveSpeedNamingTheField() {
        XCTAssertThrowsError(try SchedulingInstance(devices: [Device(name: "d", speed: 0)], jobs: [])) { error in
            guard case .invalidField(let field, _, _)? = error as? SchedulingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "devices[0].speed")
            XCTAssertTrue("\(error)".contains("devices[0].speed"))
        }
    }

    func testRejectsDuplicateNames() {
        XCTAssertThrowsError(try SchedulingInstance(devices: devices, jobs: [Job(name: "x", work: 1), Job(name: "x", work: 2)])) {
            XCTAssertEqual($0 as? SchedulingError, .duplicateName(field: "jobs[1].name", name: "x"))
        }
    }

    func testFindsACycle() {
        let jobs = ["a", "b", "c"].map { Job(name: $0, work: 1) }
        let edges = [DataEdge(from: 0, to: 1, data: .zero), DataEdge(from: 1, to: 2, data: .zero), DataEdge(from: 2, to: 1, data: .zero)]
        XCTAssertThrowsError(try SchedulingInstance(devices: devices, jobs: jobs, edges: edges)) { error in
            XCTAssertEqual(error as? SchedulingError, .cyclicDependencies(jobs: ["b", "c", "b"], edges: [1, 2]))
        }
    }

    func testMemoryMakesADeviceIneligible() throws {
        let instance = try SchedulingInstance(devices: devices, jobs: [Job(name: "big", work: 4, memory: .mebibytes(2))])
        XCTAssertEqual(instance.processingTime(job: 0, device: 0), .infinity)
        XCTAssertEqual(instance.processingTime(job: 0, device: 1), 1)
        XCTAssertEqual(Heuristic.greedy.schedule(instance).assignment, [1])
        let onlyEdge = [devices[0]]
        XCTAssertThrowsError(try SchedulingInstance(devices: onlyEdge, jobs: [Job(name: "big", work: 4, memory: .mebibytes(2))])) {
            XCTAssertEqual($0 as? SchedulingError,
                           .noEligibleDevice(job: "big", memory: .mebibytes(2), largestDeviceMemory: .mebibytes(1)))
        }
    }

    func testCommunicationIsZeroOnOneDeviceAndLatencyPlusSizeOverRateOtherwise() throws {
        let instance = try SchedulingInstance(devices: devices, jobs: [],
                                              links: [DeviceLink(from: 0, to: 1, latency: .milliseconds(10), bandwidth: .megabitsPerSecond(8))])
        XCTAssertEqual(instance.communicationTime(.bytes(1_000_000), from: 1, to: 1), 0)
        XCTAssertEqual(instance.communicationTime(.bytes(1_000_000), from: 1, to: 0), 0.01 + 1, accuracy: 1e-12)
    }
}
