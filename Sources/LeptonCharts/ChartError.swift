/// Everything that can go wrong while describing or rendering a chart.
///
/// The cases carry the data; `description` turns it into a message that says what
/// failed, where, and what to do about it.
public enum ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A chart or panel size that is not a positive, finite number of CSS pixels.
    case invalidSize(chart: String, width: Double, height: Double)
    /// libgd could not allocate an image of this many device pixels.
    case canvasAllocationFailed(width: Int, height: Int)
    /// libgd failed to encode the image.
    case encodingFailed(format: String)
    /// libgd could not decode these bytes as a PNG image.
    case decodingFailed(byteCount: Int)
    /// A chart was given nothing to draw.
    case emptyData(chart: String, detail: String)
    /// Two lists that must have the same length do not.
    case lengthMismatch(chart: String, what: String, expected: Int, actual: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(chart: String, series: String, index: Int)
    /// A value that must be shown on a logarithmic axis is zero or negative.
    case nonPositiveOnLogAxis(chart: String, axis: String, value: Double)
    /// A Gantt task ends before it starts.
    case invalidInterval(chart: String, task: String, start: Double, end: Double)
    /// A Gantt task names a row that the chart does not declare.
    case unknownRow(chart: String, task: String, row: String)
    /// A parameter is outside the range it must lie in.
    case invalidParameter(chart: String, name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidSize(chart, width, height):
            return "\(chart): size \(width)×\(height) CSS px is not drawable; give a width and height greater than zero."
        case let .canvasAllocationFailed(width, height):
            return "libgd could not allocate a \(width)×\(height) pixel image; make the chart smaller or lower the render scale."
        case let .encodingFailed(format):
            return "libgd failed to encode the chart as \(format); this usually means the process is out of memory."
        case let .decodingFailed(byteCount):
            return "libgd could not read \(byteCount) bytes as a PNG image; the data is truncated or not a PNG."
        case let .emptyData(chart, detail):
            return "\(chart): nothing to draw (\(detail)); add at least one data point."
        case let .lengthMismatch(chart, what, expected, actual):
            return "\(chart): \(what) has \(actual) values but \(expected) were expected; give one value per category."
        case let .nonFiniteValue(chart, series, index):
            return "\(chart): series '\(series)' has a NaN or infinite value at index \(index); remove it or replace it with a finite number."
        case let .nonPositiveOnLogAxis(chart, axis, value):
            return "\(chart): the \(axis) axis is logarithmic but a value is \(value); use a linear axis or drop values ≤ 0."
        case let .invalidInterval(chart, task, start, end):
            return "\(chart): task '\(task)' ends (\(end)) before it starts (\(start)); swap or fix the times."
        case let .unknownRow(chart, task, row):
            return "\(chart): task '\(task)' is on row '\(row)', which is not among the chart's rows; add the row or fix the name."
        case let .invalidParameter(chart, name, value, expected):
            return "\(chart): \(name) is \(value) but must be \(expected)."
        }
    }
}
