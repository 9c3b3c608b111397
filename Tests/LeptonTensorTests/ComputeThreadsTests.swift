import Dispatch
import Synchronization
import XCTest
import LeptonTensor
import CLeptonKernels

private final class StartFlags: Sendable {
    private let first = Atomic<Bool>(false), second = Atomic<Bool>(false)
    func start(_ k: Int) {
        if k == 0 { first.store(true, ordering: .releasing) } else { second.store(true, ordering: .releasing) }
    }
    func started(_ k: Int) -> Bool { k == 0 ? first.load(ordering: .acquiring) : second.load(ordering: .acquiring) }
}

/// The compute core's worker pool (`ComputeThreads.concurrently`): every task runs exactly
/// once, on more than one thread, back to back and after the workers have gone to sleep,
/// nested calls run inline, and workers use the caller's denormal mode.
final class ComputeThreadsTests: XCTestCase {
    override func tearDown() { ComputeThreads.set(2) }

    /// Jobs of changing sizes back to back (a late worker must never take a task of the next
    /// job, nor count against its size): each task of each job runs exactly once.
    func testEveryTaskRunsOnceAcrossManyJobs() {
        let sizes = [2, 3, 7, 1, 5, 2, 4]
        for threads in [2, 3] {
            ComputeThreads.set(threads)
            let runs = UnsafeMutablePointer<Int>.allocate(capacity: 8)
            defer { runs.deallocate() }
            var wrong = 0
            for job in 0..<100_000 {
                let tasks = sizes[job % sizes.count]
                runs.initialize(repeating: 0, count: 8)
                ComputeThreads.concurrently(tasks: tasks) { runs[$0] += 1 }
                if Array(UnsafeBufferPointer(start: runs, count: 8)) != (0..<8).map({ $0 < tasks ? 1 : 0 }) { wrong += 1 }
            }
            XCTAssertEqual(wrong, 0, "jobs whose tasks did not each run once, on \(threads) threads")
        }
    }

    /// Two tasks that each wait (up to 10 s) for the other to start: they run at once, on two
    /// threads, task 0 on the caller.
    func testTasksRunOnTwoThreads() {
        ComputeThreads.set(2)
        let ids = UnsafeMutablePointer<pthread_t>.allocate(capacity: 2)
        let met = UnsafeMutablePointer<Bool>.allocate(capacity: 2)
        defer { ids.deallocate(); met.deallocate() }
        met.initialize(repeating: false, count: 2)
        let started = StartFlags()
        ComputeThreads.concurrently(tasks: 2) { k in
            ids[k] = pthread_self()
            started.start(k)
            let t0 = DispatchTime.now().uptimeNanoseconds
            while !started.started(1 - k),
                  DispatchTime.now().uptimeNanoseconds - t0 < 10_000_000_000 {}
            met[k] = started.started(1 - k)
        }
        XCTAssertEqual([met[0], met[1]], [true, true], "the two tasks did not run at once")
        XCTAssertNotEqual(pthread_equal(ids[0], pthread_self()), 0, "task 0 runs on the caller")
        XCTAssertEqual(pthread_equal(ids[0], ids[1]), 0, "both tasks ran on one thread")
    }

    /// A worker that finds itself on the caller's CPU moves to another (Linux): with the
    /// caller held on one CPU and the worker first moved onto that CPU too, the next job's
    /// second task runs elsewhere, while the first is still busy. (Left where the scheduler
    /// put it, the worker ran only when the caller's time slice ended — the split layers of a
    /// short `lepton profile` process ran at one thread's speed.)
    func testAWorkerOnTheCallersCPUMovesToAnother() throws {
        var buffer = [Int32](repeating: 0, count: 1024)
        let count = Int(lepton_thread_allowed_cpus(&buffer, 1024))
        guard count >= 2, lepton_thread_cpu() >= 0 else { throw XCTSkip("fewer than two CPUs to run on") }
        let allowed = Array(buffer[0..<count]), cpu = allowed[0]
        ComputeThreads.set(2)
        guard lepton_thread_set_cpus([cpu], 1) == 0 else { throw XCTSkip("this thread may not choose its CPUs here") }
        defer { _ = lepton_thread_set_cpus(allowed, Int32(count)) }
        let caller = pthread_self()
        // the worker moves itself onto the caller's CPU, then may run anywhere again (it stays)
        let placed = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        defer { placed.deallocate() }
        placed.pointee = false
        for _ in 0..<20 where !placed.pointee {
            let claimed = StartFlags()
            ComputeThreads.concurrently(tasks: 2) { k in
                if k == 0 {     // leaves task 1 to the worker: waits (yielding the CPU) until it starts
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    while !claimed.started(1), DispatchTime.now().uptimeNanoseconds - t0 < 100_000_000 { sched_yield() }
                    return
                }
                claimed.start(1)
                guard pthread_equal(pthread_self(), caller) == 0 else { return }
                placed.pointee = lepton_thread_set_cpus([cpu], 1) == 0 && lepton_thread_cpu() == cpu
                    && lepton_thread_set_cpus(allowed, Int32(count)) == 0
            }
        }
        XCTAssertTrue(placed.pointee, "the worker never ran task 1 to be placed")
        let ranOn = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { ranOn.deallocate() }
        ranOn.pointee = -1
        let started = StartFlags()
        ComputeThreads.concurrently(tasks: 2) { k in
            if k == 1 {
                ranOn.pointee = lepton_thread_cpu()
                started.start(1)
                return
            }
            let t0 = DispatchTime.now().uptimeNanoseconds     // busy, never yielding, up to 0.5 s
            while !started.started(1), DispatchTime.now().uptimeNanoseconds - t0 < 500_000_000 {}
        }
        XCTAssertNotEqual(ranOn.pointee, cpu, "the worker stayed on the caller's CPU \(cpu)")
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
