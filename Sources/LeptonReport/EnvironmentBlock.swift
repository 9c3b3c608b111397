/// Key–value facts about where a report was produced: seed, commit, toolchain, CPU.
public struct EnvironmentBlock: Hashable, Sendable {
    /// One fact.
    public struct Entry: Hashable, Sendable {
        /// Name of the fact.
        public var key: String
        /// Its value.
        public var value: String

        /// An entry.
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The facts, in order.
    public var entries: [Entry]

    /// An environment block.
    public init(_ entries: [Entry]) {
        self.entries = entries
    }
}
