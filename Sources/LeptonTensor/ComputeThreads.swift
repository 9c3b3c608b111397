import CBLAS
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
    /// Every task runs with denormals flushed to zero, as the caller's thread does after
    /// ``flushDenormals()``.
    public static func concurrently(tasks: Int, _ body: (Int) -> Void) {
        if count <= 1 || tasks <= 1 {
            for i in 0..<tasks { body(i) }
        } else {
            let flush = lepton_flush_denormals() != 0
            withoutActuallyEscaping(body) { escapable in
                let box = UncheckedSendableBox(escapable)
                DispatchQueue.concurrentPerform(iterations: tasks) { i in
                    let saved = lepton_flush_denormals()
                    lepton_set_flush_denormals(flush ? 1 : 0)
                    box.value(i)
                    lepton_set_flush_denormals(saved)
                }
            }
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

/// Carries a closure whose captured buffers the caller guarantees are used disjointly.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
