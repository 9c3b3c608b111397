#if canImport(Glibc)
import Glibc
#endif

/// Runs a closure with the calling thread switched into a named network namespace (`/run/netns/NAME`).
///
/// `setns(2)` with CLONE_NEWNET changes only the calling thread; the thread returns to its
/// original namespace before this returns. Sockets created inside keep the namespace they
/// were created in, so a client socket can live in a namespace while the process does not.
enum NetworkNamespace {
    /// CLONE_NEWNET from <sched.h>.
    private static let cloneNewNet: Int32 = 0x4000_0000

    private typealias SetNS = @convention(c) (Int32, Int32) -> Int32

    /// glibc's `setns`, looked up at run time: Swift's Glibc module leaves it out (it needs _GNU_SOURCE).
    private static func setNamespace(_ fd: Int32, _ type: Int32) throws(TransferLabError) {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "setns") else {
            throw .systemCallFailed(call: "dlsym(setns)", errno: 0, message: "this C library does not export setns")
        }
        defer { dlclose(handle) }
        let function = unsafeBitCast(symbol, to: SetNS.self)
        guard function(fd, type) == 0 else { throw failure("setns") }
    }

    static func run<T>(in name: String?, _ body: () throws(TransferLabError) -> T) throws(TransferLabError) -> T {
        guard let name else { return try body() }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw failure("open /proc/thread-self/ns/net") }
        defer { close(original) }
        let target = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw failure("open /run/netns/\(name)") }
        defer { close(target) }
        try setNamespace(target, cloneNewNet)
        let result: Result<T, TransferLabError>
        do throws(TransferLabError) {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        try setNamespace(original, cloneNewNet)
        return try result.get()
    }

    static func failure(_ call: String) -> TransferLabError {
        let code = errno
        return .systemCallFailed(call: call, errno: code, message: String(cString: strerror(code)))
    }
}
