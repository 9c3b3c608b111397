import ArgumentParser
import Foundation
import LeptonLab

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
        ProgressBar.text(fraction, width: width)
    }
}

/// Checks a `--threads` value: at least 1; more than the machine's cores is allowed (some
/// schedulers hide cores) but slows every product down, so it is said once.
func checkThreads(_ threads: Int) throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if threads > cores {
        Terminal.note("note: --threads \(threads) is more than this machine's \(cores) cores; threads then wait for each other "
            + "and every product runs slower. Use --threads \(cores) or fewer.")
    }
}
