import Foundation
import LeptonCore
import LeptonScheduling

/// Two network namespaces joined by a veth pair, created on init and removed by `close()` (or when released).
///
/// Layout: namespace `client` holds veth end `clientInterface` (10.203.0.1/24), namespace
/// `server` holds `serverInterface` (10.203.0.2/24). Nothing outside the two namespaces is
/// touched. Shaping goes on the client end's egress (the data direction).
final class ShapedNamespaces {
    /// Name of the client-side namespace.
    let client: String
    /// Name of the server-side namespace.
    let server: String
    /// veth end inside `client`.
    let clientInterface: String
    /// veth end inside `server`.
    let serverInterface: String
    /// Client address.
    let clientAddress = "10.203.0.1"
    /// Server address.
    let serverAddress = "10.203.0.2"
    /// Whether `tc qdisc add … netem` succeeded on the veth (probed once during set-up).
    private(set) var netemAvailable = false
    private var closed = false

    private static let counter = Counter()

    /// Creates the namespaces and the veth pair and brings them up; removes whatever it made if a step fails.
    init() throws(TransferLabError) {
        let tag = "\(getpid() % 100_000)x\(Self.counter.next())"
        client = "lepton-c\(tag)"
        server = "lepton-s\(tag)"
        clientInterface = "lc\(tag)"
        serverInterface = "ls\(tag)"
        do throws(TransferLabError) {
            try CommandRunner.run(["ip", "netns", "add", client])
            try CommandRunner.run(["ip", "netns", "add", server])
            try CommandRunner.run(["ip", "link", "add", clientInterface, "netns", client, "type", "veth",
                                   "peer", "name", serverInterface, "netns", server])
            try CommandRunner.run(["ip", "-n", client, "addr", "add", "\(clientAddress)/24", "dev", clientInterface])
            try CommandRunner.run(["ip", "-n", server, "addr", "add", "\(serverAddress)/24", "dev", serverInterface])
            for (namespace, interface) in [(client, clientInterface), (server, serverInterface)] {
                try CommandRunner.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
                try CommandRunner.run(["ip", "-n", namespace, "link", "set", interface, "up"])
            }
            netemAvailable = (try? CommandRunner.run(["ip", "netns", "exec", server, "tc", "qdisc", "add", "dev",
                                                      serverInterface, "root", "netem", "delay", "1ms"])) != nil
            if netemAvailable {
                try CommandRunner.run(["ip", "netns", "exec", server, "tc", "qdisc", "del", "dev", serverInterface, "root"])
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Shapes the client end's egress: tbf at `rate` (none when nil), then netem `delay`/`loss` below it when asked.
    ///
    /// tbf's bucket is two full-size frames (3028 B): small enough that GSO bursts are cut into
    /// MTU-sized packets counted with their headers, large enough that timer slack does not slow
    /// the rate (one-frame buckets measured 3 % slow at 10 Mbit/s); its queue holds 1 s of traffic.
    func shape(rate: Bandwidth?, delay: Seconds, loss: Double) throws(TransferLabError) {
        let tc = ["ip", "netns", "exec", client, "tc", "qdisc"]
        _ = try? CommandRunner.run(tc + ["del", "dev", clientInterface, "root"])
        let wantsNetem = delay.value > 0 || loss > 0
        guard rate != nil || wantsNetem else { return }
        guard !wantsNetem || netemAvailable else {
            throw .commandFailed(command: "tc qdisc add … netem", status: 2, output: "netem unavailable on this kernel")
        }
        var netem = ["netem"]
        if delay.value > 0 { netem += ["delay", "\(delay.milliseconds)ms"] }
        if loss > 0 { netem += ["loss", "\(loss * 100)%"] }
        if let rate {
            let limit = max(20_000, Int(rate.bitsPerSecond / 8))
            try CommandRunner.run(tc + ["add", "dev", clientInterface, "root", "handle", "1:", "tbf",
                                        "rate", "\(Int(rate.bitsPerSecond))bit", "burst", "3028", "limit", "\(limit)"])
            if wantsNetem {
                try CommandRunner.run(tc + ["add", "dev", clientInterface, "parent", "1:1", "handle", "10:"] + netem)
            }
        } else {
            try CommandRunner.run(tc + ["add", "dev", clientInterface, "root"] + netem)
        }
    }

    /// Deletes both namespaces (which removes the veth pair); safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? CommandRunner.run(["ip", "netns", "del", client])
        _ = try? CommandRunner.run(["ip", "netns", "del", server])
    }

    /// A process-wide counter so two labs in one process get different names.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
