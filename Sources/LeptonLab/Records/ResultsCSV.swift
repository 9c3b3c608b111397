import Foundation

/// `results.csv` beside results.json: one row per recorded metric value (per cell, sweep
/// point and replicate), with the sweep point's parameter values and the replicate's
/// seed, for spreadsheets and pandas. RFC 4180 quoting; numbers with full precision.
public enum ResultsCSV {
    /// The CSV text of `record`'s metric values.
    public static func text(_ record: RunRecord) -> String {
        let sweepKeys = Array(Set(record.sweepPoints.flatMap(\.keys))).sorted()
        var lines = [(["experiment", "run", "cell", "point"] + sweepKeys + ["replicate", "seed", "metric", "value", "unit"])
            .map(field).joined(separator: ",")]
        for m in record.metrics {
            let point = m.point.map { record.sweepPoints.indices.contains($0) ? record.sweepPoints[$0] : [:] } ?? [:]
            let row = [record.experiment, record.runID, m.cell, m.point.map(String.init) ?? ""]
                + sweepKeys.map { point[$0] ?? "" }
                + [String(m.replicate), String(record.seed &+ UInt64(m.replicate)), m.name, number(m.value), m.unit ?? ""]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ v: Double) -> String {
        v.isFinite ? "\(v)" : (v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf"))
    }

    private static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
