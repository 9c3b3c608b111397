import Dispatch
import Foundation
import LeptonLab

/// Progress of a run: a bar with ETA on a terminal, one plain line per cell otherwise.
final class RunProgress {
    private let interactive = Terminal.isInteractive
    private let start = DispatchTime.now().uptimeNanoseconds
    private let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: RunEvent) {
        guard !quiet else { return }
        switch event {
        case let .started(index, total, cell, point, replicate):
            guard interactive else { return }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let eta = index > 0 ? elapsed / Double(index) * Double(total - index) : .nan
            Terminal.status(String(format: "\r\u{1B}[2K%@ %d/%d %@%@  elapsed %.0fs%@", Terminal.bar(Double(index) / Double(total)),
                                   index, total, cell, label(point, replicate), elapsed,
                                   eta.isNaN ? "" : String(format: "  ETA %.0fs", eta)))
        case let .finished(index, total, cell, point, replicate, status, seconds):
            let line = String(format: "[%d/%d] %@%@: %@ (%.2fs)", index + 1, total, cell, label(point, replicate),
                              status == .cached ? "cached" : "ran", seconds)
            Terminal.status((interactive ? "\r\u{1B}[2K" : "") + line + "\n")
        }
    }

    private func label(_ point: Int?, _ replicate: Int) -> String {
        (point.map { " point \($0)" } ?? "") + (replicate > 0 ? " seed+\(replicate)" : "")
    }
}
