import XCTest
@testable import LeptonEmulation

final class EventEngineTests: XCTestCase {
    func testEventsRunByTimeThenInsertionOrder() {
        let engine = EventEngine()
        var order: [String] = []
        engine.schedule(at: SimTime(nanoseconds: 20), "b") { order.append("b") }
        engine.schedule(at: SimTime(nanoseconds: 10), "a") { order.append("a") }
        engine.schedule(at: SimTime(nanoseconds: 20), "c") { order.append("c") }
        engine.schedule(at: SimTime(nanoseconds: 5), "first") {
            order.append("first")
            engine.schedule(after: .nanoseconds(15), "d (scheduled later, same time as b and c)") { order.append("d") }
            engine.schedule(after: .zero, "now") { order.append("now") }
        }
        engine.run()
        XCTAssertEqual(order, ["first", "now", "a", "b", "c", "d"])
        XCTAssertEqual(engine.now, SimTime(nanoseconds: 20))
        XCTAssertEqual(engine.pendingCount, 0)
    }

    func testEveryEventRecordsItsCauseWhichRanEarlier() {
        let engine = EventEngine()
        var rng = UInt64(12345)
        func chain(_ depth: Int) {
            guard depth > 0 else { return }
            for _ in 0..<2 {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                engine.schedule(after: .nanoseconds(Int64(rng >> 54)), "depth \(depth)") { chain(depth - 1) }
            }
        }
        engine.schedule(at: .zero, "root") { chain(6) }
        engine.run()
        XCTAssertEqual(engine.records.count, 1 + 2 + 4 + 8 + 16 + 32 + 64)
        var seen: [UInt64: SimTime] = [:]
        for r in engine.records {
            if let c = r.cause {
                let causeTime = try? XCTUnwrap(seen[c], "cause of \(r.label) ran first")
                XCTAssertEqual(r.causeTime, causeTime)
                XCTAssertGreaterThanOrEqual(r.time, causeTime ?? .zero)
            } else {
                XCTAssertEqual(r.label, "root")
            }
            seen[r.sequence] = r.time
        }
    }
}
