import Foundation
import LeptonData

/// The committed bits of every shipped experiment's quick profile (`Tests/Golden/quick.json`):
/// each deterministic metric value, each verdict and computed value of a claim on such a metric, and the SHA-256
/// of each saved artifact that holds no wall-clock value (seed-cnn's trained weights among
/// them), with one SHA-256 digest per experiment over all of it.
///
/// Written by `lepton golden write` from runs of `lepton run --all --profile quick` (seed 1,
/// no --set); `lepton golden check` recomputes the digests from such runs and names the first
/// differing value. Equal numerics fingerprints promise equal bits, so the check is exact
/// (docs/ARCHITECTURE.md, "Numerics").
public struct GoldenDigests: Codable, Sendable, Equatable {
    /// The schema this version writes.
    public static let schemaVersion = "lepton-golden/1"
    /// The commands that regenerate the file.
    public static let regenerate = "lepton run --all --profile quick --no-cache && lepton golden write"

    /// "lepton-golden/1".
    public var schema = GoldenDigests.schemaVersion
    /// How to regenerate the file.
    public var command = GoldenDigests.regenerate
    /// The profile ("quick").
    public var profile: String
    /// The base seed of the runs.
    public var seed: UInt64
    /// Where the digests were recorded.
    public var recordedOn: Recording
    /// One entry per experiment, by name.
    public var experiments: [Entry]

    /// The machine and numerics the file was written on.
    public struct Recording: Codable, Sendable, Equatable {
        public var cpuModel: String
        public var kernels: String
        public var fingerprint: String
        /// Whether the kernels had fused multiply-add (every CPU with FMA shares the fingerprint).
        public var fusedMultiplyAdd: Bool
        public var threads: Int
    }

    /// One experiment's bits.
    public struct Entry: Codable, Sendable, Equatable {
        /// The experiment's id.
        public var experiment: String
        /// SHA-256 over `lines`, joined by newlines.
        public var digest: String
        /// Every checked value as one line: `metric NAME point=P replicate=R VALUE (0xBITS)`,
        /// `claim SOURCE METRIC VERDICT VALUE (0xBITS)`, `artifact CELL point=P replicate=R NAME SHA256`.
        public var lines: [String]
    }

    /// The entry for one run's record.
    public static func entry(for record: RunRecord) -> Entry {
        var lines: [String] = []
        func value(_ v: Double) -> String { "\(v) (0x\(String(v.bitPattern, radix: 16)))" }
        for m in record.metrics where !m.measured {
            lines.append("metric \(m.name) point=\(m.point.map(String.init) ?? "-") replicate=\(m.replicate) \(value(m.value))")
        }
        // A claim on a wall-clock metric (002-C3's measured int8 speed-up) moves with the machine.
        let measured = Set(record.metrics.filter(\.measured).map(\.name))
        for c in record.claims where !measured.contains(c.metric) {
            lines.append("claim \(c.source) \(c.metric) \(c.verdict.rawValue) \(c.reproduced.map(value) ?? "none")")
        }
        for cell in record.cells {
            for (name, sha) in (cell.artifacts ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("artifact \(cell.cell) point=\(cell.point.map(String.init) ?? "-") replicate=\(cell.replicate) \(name) \(sha)")
            }
        }
        return Entry(experiment: record.experiment, digest: SHA256.hexDigest(Array(lines.joined(separator: "\n").utf8)), lines: lines)
    }

    /// The digests of `records` (one per experiment).
    public init(records: [RunRecord]) {
        let first = records.first
        profile = first?.profile ?? "quick"
        seed = first?.seed ?? 1
        recordedOn = Recording(cpuModel: first?.environment.cpuModel ?? "unknown",
                               kernels: first?.environment.numerics?.kernels ?? "unknown",
                               fingerprint: first?.environment.numerics?.fingerprint ?? "unknown",
                               fusedMultiplyAdd: first?.environment.numerics?.fusedMultiplyAdd ?? true,
                               threads: first?.environment.threads ?? 0)
        experiments = records.map(GoldenDigests.entry(for:)).sorted { $0.experiment < $1.experiment }
    }

    /// One difference between the committed digests and a run.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var experiment: String
        /// The first differing line, expected and found (nil when missing on that side).
        public var expected: String?, found: String?
        public var description: String {
            switch (expected, found) {
            case let (e?, f?): return "\(experiment): first difference — expected `\(e)`, found `\(f)`"
            case let (e?, nil): return "\(experiment): `\(e)` is missing from this run"
            case let (nil, f?): return "\(experiment): this run has `\(f)`, which the golden file does not"
            default: return "\(experiment): the digests differ"
            }
        }
    }

    /// The first difference per experiment between these digests and `records`; an
    /// experiment of this file without a record is reported too.
    public func differences(from records: [RunRecord]) -> [Difference] {
        var out: [Difference] = []
        let byName = Dictionary(records.map { ($0.experiment, $0) }, uniquingKeysWith: { a, _ in a })
        for expected in experiments {
            guard let record = byName[expected.experiment] else {
                out.append(Difference(experiment: expected.experiment, expected: "a quick run", found: nil))
                continue
            }
            let found = GoldenDigests.entry(for: record)
            let selfConsistent = SHA256.hexDigest(Array(expected.lines.joined(separator: "\n").utf8)) == expected.digest
            guard found.lines != expected.lines || found.digest != expected.digest || !selfConsistent else { continue }
            if found.lines == expected.lines {
                out.append(Difference(experiment: expected.experiment, expected: "digest \(expected.digest) of its lines",
                                      found: "digest \(found.digest): the golden file was edited by hand; write it again"))
                continue
            }
            let common = min(expected.lines.count, found.lines.count)
            let i = (0..<common).first { expected.lines[$0] != found.lines[$0] } ?? common
            out.append(Difference(experiment: expected.experiment,
                                  expected: i < expected.lines.count ? expected.lines[i] : nil,
                                  found: i < found.lines.count ? found.lines[i] : nil))
        }
        for record in records where !experiments.contains(where: { $0.experiment == record.experiment }) {
            out.append(Difference(experiment: record.experiment, expected: nil, found: "a run of an experiment the golden file lacks"))
        }
        return out
    }
}
