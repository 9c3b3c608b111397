import LeptonCore
import XCTest
@testable import LeptonScheduling

final class HeuristicTests: XCTestCase {
    func testHEFTReproducesTheMakespanOfTopcuogluHaririWu2002() throws {
        let instance = try TestInstances.heftPaper()
        let schedule = Heuristic.heft.schedule(instance)
        XCTAssertEqual(schedule.violations(in: instance), [])
        // The paper reports a HEFT makespan of 80 for this graph (Fig. 2/3).
        XCTAssertEqual(schedule.makespan, 80, accuracy: 1e-9)
    }

    func testHEFTUpwardRanksMatchThePaper() throws {
        let ranks = Heuristic.upwardRanks(try TestInstances.heftPaper())
        // Topcuoglu et al. (2002), Table/Fig. 3: rank_u of n1…n10.
        let published = [108.0, 77.0, 80.0, 80.0, 69.0, 63.333, 42.667, 35.667, 44.333, 14.667]
        for (rank, expected) in zip(ranks, published) { XCTAssertEqual(rank, expected, accuracy: 1e-3) }
    }

    func testEveryHeuristicBuildsAFeasibleScheduleOnRandomDAGs() throws {
        for seed in UInt64(1)...20 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.dag(jobs: 15, devices: 4, edgeProbability: 0.25)
            for heuristic in Heuristic.allCases {
                let schedule = heuristic.schedule(instance)
                XCTAssertEqual(schedule.violations(in: instance), [], "\(heuristic) seed \(seed)")
                XCTAssertEqual(schedule.placements.count, instance.jobs.count)
            }
        }
    }

    func testMinMinAndMaxMinPickInOppositeOrderOnIndependentJobs() throws {
        // Two identical devices, jobs of 1, 2 and 6 seconds.
        let instance = try SchedulingInstance(
            devices: [Device(name: "a", speed: 1), Device(name: "b", speed: 1)],
            jobs: [Job(name: "short", work: 1), Job(name: "middle", work: 2), Job(name: "long", work: 6)])
        let minMin = Heuristic.minMin.schedule(instance)
        let maxMin = Heuristic.maxMin.schedule(instance)
        // Min-Min: short→a [0,1], middle→b [0,2], long→a [1,7] ⇒ 7. Max-Min: long→a, middle→b, short→b ⇒ 6.
        XCTAssertEqual(minMin.makespan, 7)
        XCTAssertEqual(maxMin.makespan, 6)
        XCTAssertEqual(maxMin.placements[2].start, 0)
    }

    func testGreedyRespectsInputOrderWithoutInsertion() throws {
        let instance = try SchedulingInstance(
            devices: [Device(name: "fast", speed: 2), Device(name: "slow", speed: 1)],
            jobs: [Job(name: "a", work: 4), Job(name: "b", work: 4), Job(name: "c", work: 2)])
        let schedule = Heuristic.greedy.schedule(instance)
        // a→fast [0,2]; b: fast 4 vs slow 4 → tie to lower index (fast) [2,4]; c: fast 5 vs slow 2 → slow.
        XCTAssertEqual(schedule.assignment, [0, 0, 1])
        XCTAssertEqual(schedule.makespan, 4)
    }

    func testInputTransferCountsTowardsProcessingTime() throws {
        let instance = try SchedulingInstance(
            devices: [Device(name: "edge", kind: .edge, speed: 1), Device(name: "cloud", kind: .cloud, speed: 10)],
            jobs: [Job(name: "j", work: 10, input: .bytes(1_000), origin: 0)],
            links: [DeviceLink(from: 0, to: 1, latency: .seconds(0.5), bandwidth: .bytesPerSecond(1_000))])
        XCTAssertEqual(instance.processingTime(job: 0, device: 0), 10)
        XCTAssertEqual(instance.processingTime(job: 0, device: 1), 0.5 + 1 + 1, accuracy: 1e-12)
        XCTAssertEqual(Heuristic.heft.schedule(instance).assignment, [1])
    }
}
