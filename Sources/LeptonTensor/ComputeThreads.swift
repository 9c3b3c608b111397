import Dispatch

/// Explicit control over how many threads the compute core uses.
///
/// One setting drives both OpenBLAS and Lepton's own parallel loops. Results do not
/// depend on it for Lepton's own kernels (each output element is computed by exactly
/// one thread in a fixed order); OpenBLAS is deterministic for a fixed thread count.
public enum ComputeThreads {
    nonisolated(unsafe) private static var current = 1

    /// The number of threads in use.
    public static var count: Int { current }

    /// Uses `n` threads (clamped to at least 1) for BLAS and Lepton's kernels.
    public static func set(_ n: Int) {
        current = Swift.max(1, n)
        BLAS.setThreads(current)
    }

    /// Runs `body(chunk)` for `chunks` chunks, in parallel when more than one thread is
    /// configured and the work is large enough to pay for it.
    public static func parallelFor(chunks: Int, work: Int, _ body: (Int) -> Void) {
        if current <= 1 || chunks <= 1 || work < 32_768 {
            for i in 0..<chunks { body(i) }
        } else {
            withoutActuallyEscaping(body) { escapable in
                let box = UncheckedSendableBox(escapable)
                DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
            }
        }
    }
}

/// Carries a closure whose captured buffers the caller guarantees are used disjointly.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
