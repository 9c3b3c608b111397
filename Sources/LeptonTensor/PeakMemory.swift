#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's peak resident memory, as the operating system accounts it.
public enum PeakMemory {
    /// The largest resident set this process has had so far, in bytes (`getrusage`'s
    /// `ru_maxrss`; 0 where it is unavailable).
    public static var residentBytes: Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024      // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)             // bytes on macOS
        #endif
    }
}
