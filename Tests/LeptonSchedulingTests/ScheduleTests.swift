import XCTest
@testable import LeptonScheduling

final class ScheduleTests: XCTestCase {
    func testViolationsFindOverlapsAndEarlyStarts() throws {
        let instance = try TestInstances.heftPaper()
        var schedule = Heuristic.heft.schedule(instance)
        XCTAssertEqual(schedule.violations(in: instance), [])
        // Start n2 at 0: before n1's data can arrive.
        let placed = schedule.placements[1]
        schedule.placements[1] = ScheduledJob(job: 1, device: placed.device, start: 0, finish: placed.finish - placed.start)
        XCTAssertFalse(schedule.violations(in: instance).isEmpty)
    }

    func testObjectives() throws {
        let instance = try SchedulingInstance(devices: [Device(name: "d", speed: 1)],
                                              jobs: [Job(name: "a", work: 1, weight: 3), Job(name: "b", work: 2, weight: 1)])
        let schedule = Schedule(placements: [ScheduledJob(job: 1, device: 0, start: 1, finish: 3),
                                             ScheduledJob(job: 0, device: 0, start: 0, finish: 1)])
        XCTAssertEqual(Objective.makespan.value(of: schedule, in: instance), 3)
        XCTAssertEqual(Objective.weightedCompletionTime.value(of: schedule, in: instance), 3 * 1 + 1 * 3)
        XCTAssertEqual(Objective.meanLatency.value(of: schedule, in: instance), 2)
        XCTAssertEqual(schedule.violations(in: instance), [])
    }
}
