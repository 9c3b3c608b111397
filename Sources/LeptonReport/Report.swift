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
    /// The language of the chrome (headings, table headers, verdict words); the
    /// report's own text is shown as given.
    public var language: ReportLanguage

    /// A report.
    public init(title: String, subtitle: String? = nil, blocks: [ReportBlock] = [], language: ReportLanguage = .en) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
        self.language = language
    }

    /// Appends a block at the end.
    public mutating func append(_ block: ReportBlock) {
        blocks.append(block)
    }

    /// Takes the first already drawn image out of the blocks (depth first), for a
    /// findings block to show it at the top; nil when there is none.
    public mutating func removeFirstImage() -> ReportImage? {
        func take(_ blocks: inout [ReportBlock]) -> ReportImage? {
            for index in blocks.indices {
                switch blocks[index] {
                case let .image(image):
                    blocks.remove(at: index)
                    return image
                case var .section(section):
                    if let image = take(&section.blocks) {
                        blocks[index] = .section(section)
                        return image
                    }
                case var .details(details):
                    if let image = take(&details.blocks) {
                        blocks[index] = .details(details)
                        return image
                    }
                default:
                    continue
                }
            }
            return nil
        }
        return take(&blocks)
    }

    /// Every figure in the report, depth first, in reading order.
    public var figures: [ReportFigure] {
        func collect(_ blocks: [ReportBlock]) -> [ReportFigure] {
            blocks.flatMap { block -> [ReportFigure] in
                switch block {
                case let .figure(figure): return [figure]
                case let .section(section): return collect(section.blocks)
                case let .details(details): return collect(details.blocks)
                case let .findings(findings): return findings.figure.map { [$0] } ?? []
                default: return []
                }
            }
        }
        return collect(blocks)
    }
}
