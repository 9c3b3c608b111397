/// One bar of a ``GanttChart``: a task on a row from `start` to `end`.
public struct GanttTask: Hashable, Sendable {
    /// Name written in the bar when it fits.
    public var name: String
    /// The row (device or tier) the task runs on.
    public var row: String
    /// Start time.
    public var start: Double
    /// End time (≥ start).
    public var end: Double
    /// Colour key; tasks with the same category share a colour and a legend entry.
    public var category: String

    /// A task; the category defaults to the name.
    public init(_ name: String, row: String, start: Double, end: Double, category: String? = nil) {
        self.name = name
        self.row = row
        self.start = start
        self.end = end
        self.category = category ?? name
    }
}
