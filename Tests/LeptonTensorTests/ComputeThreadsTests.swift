import XCTest
import LeptonTensor

/// The compute core's worker pool (`ComputeThreads.concurrently`): every task runs exactly
/// once, on more than one thread, back to back and after the workers have gone to sleep,
/// nested calls run inline, and workers use the caller's denormal mode.
final class ComputeThreadsTests: XCTestCase {
    override func tearDown() { ComputeThreads.set(2) }

    func testEveryTaskRunsOnceAcrossManyJobs() {
        for threads in [2, 3] {
            ComputeThreads.set(threads)
            for tasks in [1, 2, 3, 7] {
                let counts = UnsafeMutablePointer<Int>.allocate(capacity: tasks)
                defer { counts.deallocate() }
                counts.initialize(repeating: 0, count: tasks)
                for _ in 0..<2000 {
                    ComputeThreads.concurrently(tasks: tasks) { counts[$0] += 1 }
                }
                XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: tasks)),
                               Array(repeating: 2000, count: tasks), "\(tasks) tasks on \(threads) threads")
            }
        }
    }

    func testTasksRunOnTwoThreads() {
        ComputeThreads.set(2)
        let ids = UnsafeMutablePointer<pthread_t>.allocate(capacity: 2)
        defer { ids.deallocate() }
        ComputeThreads.concurrently(tasks: 2) { ids[$0] = pthread_self() }
        XCTAssertNotEqual(pthread_equal(ids[0], pthread_self()), 0, "task 0 runs on the caller")
        XCTAssertEqual(pthread_equal(ids[0], ids[1]), 0, "both tasks ran on one thread")
    }

    func testAJobAfterTheWorkersSleptStillRuns() {
        ComputeThreads.set(2)
        ComputeThreads.concurrently(tasks: 2) { _ in }
        usleep(20_000)          // longer than the workers spin: they sleep now
        let done = UnsafeMutablePointer<Bool>.allocate(capacity: 2)
        defer { done.deallocate() }
        done.initialize(repeating: false, count: 2)
        ComputeThreads.concurrently(tasks: 2) { done[$0] = true }
        XCTAssertEqual([done[0], done[1]], [true, true])
    }

    func testNestedCallsRunInline() {
        ComputeThreads.set(2)
        let sums = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: 2)
        ComputeThreads.concurrently(tasks: 2) { outer in
            ComputeThreads.concurrently(tasks: 3) { inner in sums[outer] += inner + 1 }
        }
        XCTAssertEqual([sums[0], sums[1]], [6, 6])
    }

    func testWorkersFlushDenormalsAsTheCallerDoes() {
        ComputeThreads.set(2)
        let tiny = Float.leastNormalMagnitude
        let results = UnsafeMutablePointer<Float>.allocate(capacity: 2)
        defer { results.deallocate() }
        for flush in [true, false] {
            ComputeThreads.withFlushedDenormals {
                if !flush { ComputeThreads.flushDenormals(false) }
                ComputeThreads.concurrently(tasks: 2) { i in
                    var x = tiny
                    withUnsafeMutablePointer(to: &x) { p in p.pointee = p.pointee / 4 }   // a denormal, or 0 when flushed
                    results[i] = x
                }
            }
            for i in 0..<2 {
                XCTAssertEqual(results[i] == 0, flush, "task \(i), flush \(flush): \(results[i])")
            }
        }
    }
}
