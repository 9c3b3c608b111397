import LeptonCore
import XCTest
import LeptonTensor
@testable import LeptonFederated

final class PartitionTests: XCTestCase {
    let labels: [Int32] = (0..<1000).map { Int32(($0 * 7) % 10) }

    private func assertCovers(_ parts: [[Int]], _ n: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parts.flatMap { $0 }.sorted(), Array(0..<n), file: file, line: line)
        for p in parts { XCTAssertEqual(p, p.sorted(), file: file, line: line) }
    }

    private func classesPerClient(_ parts: [[Int]]) -> [Int] { parts.map { Set($0.map { labels[$0] }).count } }

    func testIIDIsCompleteBalancedAndSeeded() throws {
        let parts = try Partition.iid.split(labels: labels, classes: 10, clients: 7, seed: 1)
        assertCovers(parts, 1000)
        XCTAssertEqual(Set(parts.map(\.count)), [142, 143])
        XCTAssertEqual(parts, try Partition.iid.split(labels: labels, classes: 10, clients: 7, seed: 1))
        XCTAssertNotEqual(parts, try Partition.iid.split(labels: labels, classes: 10, clients: 7, seed: 2))
        XCTAssertGreaterThan(classesPerClient(parts).min() ?? 0, 8)
    }

    /// McMahan et al.: 2 shards of label-sorted data per client, so each client sees at
    /// most 2 classes when shards do not straddle a class boundary (here 50 shards of 20,
    /// 100 samples per class).
    func testPathologicalGivesTwoClassesPerClient() throws {
        let parts = try Partition.pathological(shardsPerClient: 2).split(labels: labels, classes: 10, clients: 25, seed: 3)
        assertCovers(parts, 1000)
        XCTAssertTrue(parts.allSatisfy { $0.count == 40 })
        XCTAssertTrue(classesPerClient(parts).allSatisfy { $0 <= 2 })
        XCTAssertGreaterThan(classesPerClient(parts).filter { $0 == 2 }.count, 10)
    }

    func testDirichletSkewGrowsAsAlphaShrinks() throws {
        let skewed = try Partition.dirichlet(alpha: 0.1).split(labels: labels, classes: 10, clients: 10, seed: 5)
        let even = try Partition.dirichlet(alpha: 100).split(labels: labels, classes: 10, clients: 10, seed: 5)
        assertCovers(skewed, 1000)
        assertCovers(even, 1000)
        let mean = { (p: [[Int]]) in Double(self.classesPerClient(p).reduce(0, +)) / 10 }
        XCTAssertLessThan(mean(skewed), mean(even))
        XCTAssertEqual(mean(even), 10)
    }

    func testGammaSamplerHasTheRightMean() {
        var rng = SeededGenerator(seed: 1)
        for shape in [0.3, 1.0, 4.0] {
            let n = 20_000
            let mean = (0..<n).reduce(0.0) { s, _ in s + Partition.gamma(shape: shape, rng: &rng) } / Double(n)
            XCTAssertEqual(mean, shape, accuracy: 0.05 * max(shape, 1))
        }
    }

    func testRefusesImpossibleSplits() {
        XCTAssertThrowsError(try Partition.pathological(shardsPerClient: 2).split(labels: Array(labels.prefix(10)), classes: 10, clients: 6, seed: 1))
        XCTAssertThrowsError(try Partition.dirichlet(alpha: 0).split(labels: labels, classes: 10, clients: 3, seed: 1)) {
            XCTAssertTrue("\($0)".contains("alpha"))
        }
    }
}
