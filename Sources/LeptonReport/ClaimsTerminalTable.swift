/// Claims as an aligned plain-text table for a terminal: grouped by experiment, each
/// group headed by its counts per verdict, a total at the end, every line at most
/// `width` columns (Chinese and other wide characters count two columns).
///
/// A pure function of its input: the CLI prints the lines. Cells too long for their
/// column end in "…"; the report's HTML keeps the full text.
public enum ClaimsTerminalTable {
    /// The claims of one experiment.
    public struct Group: Hashable, Sendable {
        /// The experiment's name, for example "seed-cnn".
        public var experiment: String
        /// Its claims in order.
        public var claims: [ClaimRow]

        /// A group.
        public init(experiment: String, claims: [ClaimRow]) {
            self.experiment = experiment
            self.claims = claims
        }
    }

    private static let gap = 2
    private static let indent = 2

    /// The table's lines (no trailing newlines), at most `width` display columns each.
    ///
    /// ```
    /// seed-cnn — Claims 2: 1 reproduced, 1 inconclusive
    ///   Claim            Claimed  Reproduced  Verdict         Provenance  Source
    ///   test accuracy    0.986    0.961       ? inconclusive  measured    003 §5.4
    /// ```
    public static func lines(_ groups: [Group], width: Int = 80, strings: ReportStrings = .english) -> [String] {
        let rows = groups.map { group in group.claims.map { row($0, strings: strings) } }
        let header = strings.claimColumns.map(clean)
        var widths = header.map(displayWidth)
        for row in rows.joined() {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        let minimum = [8, 6, 6, widths[3], widths[4], 6]
        func total() -> Int { indent + widths.reduce(0, +) + gap * (widths.count - 1) }
        while total() > width {
            let shrinkable = widths.indices.filter { widths[$0] > minimum[$0] }
            guard let widest = shrinkable.max(by: { widths[$0] - minimum[$0] < widths[$1] - minimum[$1] }) else { break }
            widths[widest] -= 1
        }
        var lines: [String] = []
        for (group, groupRows) in zip(groups, rows) {
            lines.append(fit(clean(group.experiment) + " — " + counts(group.claims, strings: strings), width))
            lines.append(line(header, widths))
            for row in groupRows { lines.append(line(row, widths)) }
        }
        if groups.count > 1 {
            lines.append(fit("Σ — " + counts(groups.flatMap(\.claims), strings: strings), width))
        }
        return lines
    }

    /// "Claims 3: 2 reproduced, 1 inconclusive" in the strings' language.
    public static func counts(_ claims: [ClaimRow], strings: ReportStrings = .english) -> String {
        let parts = Findings(claims: claims).verdictCounts.map { "\($0.count) \(strings.word(for: $0.verdict))" }
        return "\(strings.claims) \(claims.count)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    private static func row(_ claim: ClaimRow, strings: ReportStrings) -> [String] {
        let mark: String
        switch claim.verdict {
        case .reproduced: mark = "✓ "
        case .notReproduced: mark = "✗ "
        case .inconclusive: mark = "? "
        case .definitional: mark = "≡ "
        }
        return [claim.subject, claim.claimed, claim.reproduced, mark + strings.word(for: claim.verdict),
                claim.provenance.isEmpty ? "—" : claim.provenance, claim.source].map(clean)
    }

    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        var text = String(repeating: " ", count: indent)
        for (index, cell) in cells.enumerated() {
            let fitted = fit(cell, widths[index])
            text += fitted
            if index < cells.count - 1 {
                text += String(repeating: " ", count: widths[index] - displayWidth(fitted) + gap)
            }
        }
        return text
    }

    /// Control characters (newlines, tabs, escape sequences) become spaces.
    private static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
    }

    /// `text` cut to at most `width` columns, ending in "…" when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let next = displayWidth(character)
            if used + next > width - 1 { break }
            result.append(character)
            used += next
        }
        return result + "…"
    }

    /// Terminal columns of `text`: 2 for East Asian wide and full-width characters and
    /// most emoji, 0 for combining marks and format characters, 1 otherwise.
    public static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { $0 + displayWidth($1) }
    }

    private static func displayWidth(_ character: Character) -> Int {
        character.unicodeScalars.map(scalarWidth).max() ?? 0
    }

    private static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
                                           0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                                           0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
                                           0x1F900...0x1F9FF, 0x20000...0x3FFFD]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
