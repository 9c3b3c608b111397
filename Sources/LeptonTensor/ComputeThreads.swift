import CBLAS
import CLeptonKernels
import Dispatch

/// Explicit control over how many threads the compute core uses.
///
/// One setting drives OpenBLAS and ``concurrently(tasks:_:)``, which runs the two
/// halves of a batch at once. Lepton's own kernels are single-threaded loops, so their
/// results do not depend on it; OpenBLAS is deterministic for a fixed thread count.
public enum ComputeThreads {
    nonisolated(unsafe) private static var current = 1

    /// The number of threads in use.
    public static var count: Int { current }

    /// Uses `n` threads (clamped to at least 1) for BLAS and Lepton's kernels.
    public static func set(_ n: Int) {
        current = Swift.max(1, n)
        _ = BLAS.kernelReport
        BLAS.setThreads(current)
    }
}

extension ComputeThreads {
    /// Runs `body(0)` … `body(tasks − 1)` on separate threads when more than one thread is
    /// configured, else one after another. Each task must write only its own memory.
    ///
    /// The threads are the caller and persistent workers (`lepton_parallel`) that spin for
    /// a couple of milliseconds after each job before sleeping, so back-to-back batches do
    /// not pay the 30–40 µs of waking a thread; every task runs with the caller's denormal
    /// mode (see ``flushDenormals(_:)``). A task that calls this again runs its tasks inline.
    public static func concurrently(tasks: Int, _ body: (Int) -> Void) {
        if count <= 1 || tasks <= 1 {
            for i in 0..<tasks { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let job = ParallelJob(escapable)
            lepton_parallel(Int32(tasks), Int32(count), { context, task in
                guard let context else { return }
                Unmanaged<ParallelJob>.fromOpaque(context).takeUnretainedValue().body(Int(task))
            }, Unmanaged.passUnretained(job).toOpaque())
            withExtendedLifetime(job) {}
        }
    }

    /// Flushes denormal results and inputs to zero on the calling thread (as TensorFlow
    /// does on CPUs): denormals are far too small to matter for training and can be a
    /// hundred times slower to compute.
    public static func flushDenormals(_ on: Bool = true) {
        lepton_set_flush_denormals(on ? 1 : 0)
    }

    /// Runs `body` with denormals flushed to zero on this thread, then restores the mode.
    public static func withFlushedDenormals<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let saved = lepton_flush_denormals()
        lepton_set_flush_denormals(1)
        defer { lepton_set_flush_denormals(saved) }
        return try body()
    }
}

/// The closure of one ``ComputeThreads/concurrently(tasks:_:)`` call, handed to the C pool
/// by pointer; the caller guarantees its tasks use their buffers disjointly.
private final class ParallelJob: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
