/// One split of a catalogued data set: its name, size and how it is formed.
public struct SplitDescriptor: Codable, Equatable, Sendable {
    /// "train" or "test".
    public let name: String
    /// The number of images in the split.
    public let count: Int
    /// How the split is formed (which files, or the rule that picks its samples).
    public let rule: String

    /// Describes one split.
    public init(name: String, count: Int, rule: String) {
        self.name = name
        self.count = count
        self.rule = rule
    }
}
