import Foundation
import LeptonCore
import LeptonTensor

/// When requests arrive and at which edge tier.
public struct Workload: Sendable, Hashable, Codable {
    /// One request of a replayed trace.
    public struct Arrival: Sendable, Hashable, Codable {
        /// Arrival time.
        public let time: SimTime
        /// The edge tier it arrives at (nil: the edge tiers in turn).
        public let edge: String?

        /// An arrival at `time` at `edge`.
        public init(time: SimTime, edge: String? = nil) {
            self.time = time
            self.edge = edge
        }
    }

    /// The arrival process.
    public enum Process: Sendable, Hashable, Codable {
        /// Independent Poisson arrivals at every edge tier: exponential gaps with mean
        /// 1 / rate, −ln(1 − u) / rate with u from the seeded stream "arrivals-<edge>".
        case poisson(ratePerSecond: Double, requestsPerEdge: Int)
        /// A replayed list of arrivals.
        case trace([Arrival])
    }

    /// The arrival process.
    public let process: Process

    /// Poisson arrivals at `ratePerSecond` at every edge tier, `requestsPerEdge` each.
    public static func poisson(ratePerSecond: Double, requestsPerEdge: Int) -> Workload {
        Workload(process: .poisson(ratePerSecond: ratePerSecond, requestsPerEdge: requestsPerEdge))
    }

    /// A replayed trace.
    public static func trace(_ arrivals: [Arrival]) -> Workload { Workload(process: .trace(arrivals)) }

    /// `count` requests at one edge, `gap` apart starting at zero (a light, queue-free load).
    public static func evenlySpaced(count: Int, gap: SimDuration, edge: String? = nil) -> Workload {
        .trace((0..<count).map { Arrival(time: SimTime.zero + gap * $0, edge: edge) })
    }

    /// Reads a trace file: one request per line, "seconds" or "seconds,edge-tier";
    /// blank lines and text after '#' are ignored.
    public static func trace(contentsOf url: URL) throws(EmulationError) -> Workload {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .traceFile(path: url.path, line: 0, reason: "cannot read: \(error.localizedDescription)")
        }
        var arrivals: [Arrival] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count <= 2, let seconds = Double(fields[0]), seconds.isFinite, seconds >= 0 else {
                throw .traceFile(path: url.path, line: i + 1, reason: "'\(line)' is not a time in seconds ≥ 0 with an optional tier")
            }
            let edge = fields.count == 2 && !fields[1].isEmpty ? fields[1] : nil
            arrivals.append(Arrival(time: SimTime.zero + .seconds(seconds), edge: edge))
        }
        return .trace(arrivals)
    }

    /// The arrivals for `edges`, ordered by (time, edge order, per-edge order).
    func arrivals(edges: [String], seed: UInt64) throws(EmulationError) -> [Arrival] {
        switch process {
        case let .poisson(rate, count):
            guard rate.isFinite, rate > 0 else {
                throw .invalidWorkload(field: "rate", value: "\(rate)", expected: "requests per second > 0")
            }
            guard count >= 0 else { throw .invalidWorkload(field: "requestsPerEdge", value: "\(count)", expected: "≥ 0") }
            var all: [(Arrival, Int, Int)] = []
            for (e, edge) in edges.enumerated() {
                var rng = SeededGenerator(seed: seed, stream: "arrivals-\(edge)")
                var t = 0.0
                for i in 0..<count {
                    t += -PortableMath.log(1 - rng.nextUnitDouble()) / rate
                    all.append((Arrival(time: SimTime.zero + .seconds(t), edge: edge), e, i))
                }
            }
            all.sort { ($0.0.time, $0.1, $0.2) < ($1.0.time, $1.1, $1.2) }
            return all.map(\.0)
        case let .trace(list):
            var turn = 0
            var all: [(Arrival, Int)] = []
            for (i, a) in list.enumerated() {
                if let e = a.edge {
                    guard edges.contains(e) else {
                        throw .invalidWorkload(field: "trace arrival \(i + 1) edge", value: "'\(e)'",
                                               expected: "one of the edge tiers: \(edges.joined(separator: ", "))")
                    }
                    all.append((a, i))
                } else {
                    all.append((Arrival(time: a.time, edge: edges[turn % edges.count]), i))
                    turn += 1
                }
            }
            all.sort { ($0.0.time, $0.1) < ($1.0.time, $1.1) }
            return all.map(\.0)
        }
    }
}
