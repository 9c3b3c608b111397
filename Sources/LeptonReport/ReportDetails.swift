/// Blocks folded under a one-line summary (HTML `details`): closed by default, so long
/// detail tables do not push the answer down; printing and find-in-page still reach them.
public struct ReportDetails: Sendable {
    /// The line shown while folded.
    public var summary: String
    /// The folded content.
    public var blocks: [ReportBlock]
    /// Whether it starts unfolded.
    public var open: Bool

    /// A folded group of blocks.
    public init(_ summary: String, blocks: [ReportBlock], open: Bool = false) {
        self.summary = summary
        self.blocks = blocks
        self.open = open
    }
}
