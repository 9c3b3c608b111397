import Foundation
import LeptonData

/// Compares two runs of the same experiment cell by cell.
public enum DeterminismCheck {
    /// The first unit whose metrics, tables or artifacts differ — measured (wall-clock)
    /// metrics, table columns and artifacts excluded.
    public static func firstDifference(_ a: RunResult, _ b: RunResult) -> (cell: String, detail: String)? {
        guard a.outputs.count == b.outputs.count else {
            return (a.outputs.last?.cell ?? "?", "the runs executed \(a.outputs.count) and \(b.outputs.count) cells")
        }
        for (x, y) in zip(a.outputs, b.outputs) {
            let label = x.cell + (x.point.map { " (point \($0))" } ?? "") + (x.replicate > 0 ? " (replicate \(x.replicate))" : "")
            let mx = x.output.metrics.filter { !$0.measured }, my = y.output.metrics.filter { !$0.measured }
            for (m, n) in zip(mx, my) where m.name != n.name || m.value.bitPattern != n.value.bitPattern {
                return (label, "metric \(m.name): \(m.value) vs \(n.value)")
            }
            if mx.count != my.count { return (label, "\(mx.count) vs \(my.count) metrics") }
            if x.output.tables.map(deterministicPart) != y.output.tables.map(deterministicPart) {
                let title = zip(x.output.tables, y.output.tables).first { deterministicPart($0) != deterministicPart($1) }?.0.title
                return (label, title.map { "table '\($0)' differs" } ?? "the tables differ")
            }
            let measured = Set(x.output.measuredArtifacts ?? []).union(y.output.measuredArtifacts ?? [])
            for name in Set(x.output.artifacts.keys).union(y.output.artifacts.keys).sorted() where !measured.contains(name) {
                let hx = x.output.artifacts[name].map { SHA256.hexDigest([UInt8]($0)) } ?? "missing"
                let hy = y.output.artifacts[name].map { SHA256.hexDigest([UInt8]($0)) } ?? "missing"
                if hx != hy { return (label, "artifact '\(name)': SHA-256 \(hx.prefix(12))… vs \(hy.prefix(12))…") }
            }
        }
        return nil
    }

    /// A table with its measured (wall-clock) columns blanked.
    private static func deterministicPart(_ t: TableRecord) -> TableRecord {
        guard let columns = t.measuredColumns else { return t }
        var copy = t
        copy.rows = t.rows.map { row in row.enumerated().map { columns.contains($0.offset) ? "" : $0.element } }
        return copy
    }
}
