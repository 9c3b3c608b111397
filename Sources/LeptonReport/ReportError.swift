import LeptonCharts

/// Everything that can go wrong while building or writing a report.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A chart in the report could not be rendered.
    case chartFailed(figure: String, ChartError)
    /// A table row has a different number of cells than the table has columns.
    case tableShape(table: String, row: Int, expected: Int, actual: Int)
    /// The HTML file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .chartFailed(figure, error):
            return "The figure '\(figure)' could not be drawn: \(error)"
        case let .tableShape(table, row, expected, actual):
            return "Table '\(table)': row \(row + 1) has \(actual) cells but the table has \(expected) columns; give every row one cell per column."
        case let .writeFailed(path, reason):
            return "Could not write the report to \(path): \(reason). Check that the folder exists and is writable."
        }
    }
}
