/// A text progress bar ("██████··········"), for terminals.
public enum ProgressBar {
    /// A bar of `width` cells for a fraction in [0, 1].
    public static func text(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        return String(repeating: "█", count: max(0, min(filled, width))) + String(repeating: "·", count: max(width - filled, 0))
    }
}
