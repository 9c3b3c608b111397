import XCTest
@testable import LeptonScheduling

final class AllocationReadingTests: XCTestCase {
    // Priorities: task 2 highest, then 0, then 1. Loads: device 1 lowest.
    private let priorities = [2.0, 1.0, 3.0]
    private let loads = [5.0, 1.0]
    private let times = [10.0, 40.0]

    func testRankPairingPairsHighestPriorityWithLowestLoad() {
        XCTAssertEqual(AllocationReading.rankPairing.allocate(priorities: priorities, loads: loads, executionTimes: times), [0, 1, 1])
    }

    func testLeastLoadedWithUpdateGrowsTheChosenLoad() {
        // task 2 → d1 (1 → 2); task 0 → d1 (2 → 3); task 1 → d1 (3 → 4) since 3 < 5.
        XCTAssertEqual(AllocationReading.leastLoadedWithUpdate.allocate(priorities: priorities, loads: loads, executionTimes: times),
                       [1, 1, 1])
    }

    func testLeastBusyBalancesExecutionTime() {
        // task 2: both idle, lower load d1 (busy 40); task 0 → d0 (10); task 1 → d0 (20 < 40).
        XCTAssertEqual(AllocationReading.leastBusy.allocate(priorities: priorities, loads: loads, executionTimes: times), [0, 0, 1])
    }

    func testSpareCapacityReadingPrefersHighValues() {
        XCTAssertEqual(AllocationReading.loadAsSpareCapacity.allocate(priorities: priorities, loads: loads, executionTimes: times),
                       [1, 0, 0])
    }
}
