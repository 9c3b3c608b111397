#if canImport(Glibc)
import Glibc
#endif

/// Whether this machine lets the harness build shaped links between network namespaces.
public enum ShapingSupport: Equatable, Sendable {
    /// Namespaces, veth pairs and tc work; `netem` says whether the netem qdisc exists too.
    case available(netem: Bool)
    /// Shaping cannot be done here; the reason says why (not root, no iproute2, refused).
    case unavailable(reason: String)

    /// Probes the machine: effective root (or CAP_NET_ADMIN, tried by doing), `ip` and `tc`
    /// installed, `ip netns add` allowed, and whether `tc … netem` is accepted — all in
    /// namespaces created and removed here.
    public static func detect() -> ShapingSupport {
        if case let .unavailable(reason) = prerequisites() { return .unavailable(reason: reason) }
        do throws(TransferLabError) {
            let lab = try ShapedNamespaces()
            defer { lab.close() }
            return .available(netem: lab.netemAvailable)
        } catch {
            let who = geteuid() == 0 ? "running as root" : "not running as root (euid \(geteuid()))"
            return .unavailable(reason: "cannot create network namespaces (\(who)): \(error.description)")
        }
    }

    /// Only checks that `ip` and `tc` are installed (`.available(netem: false)` means "not ruled out yet").
    static func prerequisites() -> ShapingSupport {
        guard CommandRunner.locate("ip") != nil else {
            return .unavailable(reason: "the `ip` command (iproute2) is not installed")
        }
        guard CommandRunner.locate("tc") != nil else {
            return .unavailable(reason: "the `tc` command (iproute2) is not installed")
        }
        return .available(netem: false)
    }
}
