/// One piece of a report.
public enum ReportBlock: Sendable {
    /// Prose in the safe Markdown subset of ``MarkdownRenderer``.
    case markdown(String)
    /// A titled section with its own blocks.
    case section(ReportSection)
    /// A row of metric cards.
    case metrics([MetricCard])
    /// A table.
    case table(ReportTable)
    /// A chart with a caption.
    case figure(ReportFigure)
    /// An image drawn beforehand, with a caption.
    case image(ReportImage)
    /// The claims table: what a paper claimed, what was reproduced, the verdict.
    case claims([ClaimRow])
    /// Where and how the report was produced.
    case environment(EnvironmentBlock)
    /// The answer first: question, verdict counts, key metrics, first chart.
    case findings(Findings)
    /// Blocks folded under a summary line.
    case details(ReportDetails)
    /// Ledger entries: an id with its verdict beside it, then labelled fields.
    case entries([ReportEntry])
}
