import XCTest
@testable import LeptonScheduling

final class GapStudyTests: XCTestCase {
    func testEveryHeuristicIsAtOrAboveTheOptimum() throws {
        let records = try GapStudy.run(family: .edgeCloud, jobs: 7, devices: 3, instances: 10, seed: 100)
        XCTAssertEqual(records.count, 10 * Heuristic.allCases.count)
        for record in records {
            XCTAssertTrue(record.proven)
            XCTAssertGreaterThanOrEqual(record.gap, -1e-9, "\(record)")
        }
        XCTAssertEqual(Set(records.map(\.seed)).count, 10)
    }

    func testWeightedCompletionStudy() throws {
        let records = try GapStudy.run(family: .unrelated, jobs: 6, devices: 2, instances: 5, seed: 7,
                                       objective: .weightedCompletionTime)
        XCTAssertTrue(records.allSatisfy { $0.gap >= -1e-9 })
    }
}
