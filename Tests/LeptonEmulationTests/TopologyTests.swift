import LeptonCore
import XCTest
@testable import LeptonEmulation

final class TopologyTests: XCTestCase {
    private let link = Link("edge", "cloud", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(10))

    func testValidTopologyRoutesEveryEdgeToItsCloud() throws {
        let t = try Topology(tiers: [.edge("cam-1"), .edge("cam-2"), .cloud("eu"), .cloud("us")],
                             links: [Link("cam-1", "eu", bandwidth: .megabitsPerSecond(5), latency: .milliseconds(20)),
                                     Link("us", "cam-2", bandwidth: .megabitsPerSecond(50), latency: .milliseconds(5))])
        XCTAssertEqual(t.route(from: "cam-1")?.cloud.name, "eu")
        XCTAssertEqual(t.route(from: "cam-2")?.cloud.name, "us")
        XCTAssertEqual(t.edges.map(\.name), ["cam-1", "cam-2"])
    }

    func testErrorsNameTheTierOrLinkAtFault() {
        func message(_ tiers: [Tier], _ links: [Link]) -> String {
            do { _ = try Topology(tiers: tiers, links: links); return "no error" } catch { return error.description }
        }
        XCTAssertTrue(message([.edge("edge", cores: 0), .cloud("cloud")], [link]).contains("tier 'edge': cores = 0"))
        XCTAssertTrue(message([.edge("edge"), .cloud("cloud", speed: .relative(-1))], [link]).contains("tier 'cloud': speed"))
        XCTAssertTrue(message([.edge("edge"), .edge("edge"), .cloud("cloud")], [link]).contains("'edge'"))
        XCTAssertTrue(message([.edge("edge")], []).contains("no cloud tier"))
        XCTAssertTrue(message([.edge("edge"), .cloud("cloud")], [Link("edge", "mars", bandwidth: .megabitsPerSecond(1),
                                                                       latency: .zero)]).contains("'mars'"))
        XCTAssertTrue(message([.edge("edge"), .edge("lonely"), .cloud("cloud")], [link]).contains("edge tier 'lonely' has no link"))
        XCTAssertTrue(message([.edge("edge"), .cloud("cloud")], [link, Link("cloud", "edge", bandwidth: .megabitsPerSecond(1),
                                                                            latency: .zero)]).contains("declared twice"))
        let slow = Link("edge", "cloud", bandwidth: Bandwidth(bitsPerSecond: 0), latency: .zero)
        XCTAssertTrue(message([.edge("edge"), .cloud("cloud")], [slow]).contains("link 'edge↔cloud': bandwidth"))
        XCTAssertTrue(message([.edge("edge", cores: 2, threadsPerJob: 3), .cloud("cloud")], [link]).contains("threadsPerJob"))
    }
}
