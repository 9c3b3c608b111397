/// A table of cells under column headers, optionally sortable by clicking a header.
public struct ReportTable: Hashable, Sendable {
    /// Caption shown above the table.
    public var caption: String?
    /// Column headers.
    public var columns: [String]
    /// Rows, one cell per column.
    public var rows: [[TableCell]]
    /// Whether headers sort the rows when clicked (needs JavaScript; the table reads fine without).
    public var sortable: Bool
    /// Tables with more rows than this are folded (HTML `details`) under their caption
    /// and row count; nil never folds.
    public var foldAfterRows: Int?

    /// A table.
    public init(caption: String? = nil, columns: [String], rows: [[TableCell]], sortable: Bool = true,
                foldAfterRows: Int? = 12) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.sortable = sortable
        self.foldAfterRows = foldAfterRows
    }
}
