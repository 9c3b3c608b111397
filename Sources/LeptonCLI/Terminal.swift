import Foundation

/// Writing to the terminal: progress on standard error, results on standard output.
enum Terminal {
    /// Whether standard error is an interactive terminal (progress bars) or not (plain lines).
    static let isInteractive: Bool = isatty(STDERR_FILENO) != 0

    /// Writes `text` to standard error without a newline.
    static func status(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes a line to standard error.
    static func note(_ text: String) {
        status(text + "\n")
    }

    /// A progress bar of `width` cells for a fraction in [0, 1].
    static func bar(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        return String(repeating: "█", count: min(filled, width)) + String(repeating: "·", count: max(width - filled, 0))
    }
}
