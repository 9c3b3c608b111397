/// A report document: a title, a subtitle and blocks in reading order.
///
/// Build it from plain values, then call ``renderHTML()`` or ``write(to:)`` for one
/// self-contained HTML file (inline CSS, charts as `data:` PNGs, nothing fetched).
public struct Report: Sendable {
    /// The document title (also the HTML `<title>`).
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The content, in order.
    public var blocks: [ReportBlock]

    /// A report.
    public init(title: String, subtitle: String? = nil, blocks: [ReportBlock] = []) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    /// Appends a block at the end.
    public mutating func append(_ block: ReportBlock) {
        blocks.append(block)
    }

    /// Every figure in the report, depth first, in reading order.
    public var figures: [ReportFigure] {
        func collect(_ blocks: [ReportBlock]) -> [ReportFigure] {
            blocks.flatMap { block -> [ReportFigure] in
                switch block {
                case let .figure(figure): return [figure]
                case let .section(section): return collect(section.blocks)
                default: return []
                }
            }
        }
        return collect(blocks)
    }
}
