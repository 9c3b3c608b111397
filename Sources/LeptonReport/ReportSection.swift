/// A titled section of a report.
public struct ReportSection: Sendable {
    /// Heading text.
    public var title: String
    /// The section's content.
    public var blocks: [ReportBlock]

    /// A section.
    public init(_ title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }
}
