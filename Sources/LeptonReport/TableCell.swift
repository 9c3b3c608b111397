import Foundation
import LeptonCharts

/// One cell of a ``ReportTable``: the text shown and, for numbers, the value to sort by.
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    /// Displayed text.
    public var text: String
    /// Numeric value used when sorting; nil sorts by text.
    public var sortValue: Double?

    /// A text cell.
    public init(_ text: String) {
        self.text = text
        self.sortValue = nil
    }

    /// A text cell from a literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// A number cell, with `decimals` places or three significant digits.
    public static func number(_ value: Double, decimals: Int? = nil, unit: String? = nil) -> TableCell {
        let text: String
        if let decimals {
            text = String(format: "%.\(max(0, min(12, decimals)))f", value)
        } else {
            text = TickFormatter.compact(value)
        }
        var cell = TableCell(unit.map { "\(text) \($0)" } ?? text)
        cell.sortValue = value
        return cell
    }
}
