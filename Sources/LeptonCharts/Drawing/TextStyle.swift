/// How a run of chart text is drawn: size in CSS pixels, weight, colour and anchoring.
struct TextStyle {
    enum Weight { case regular, bold }
    /// Horizontal anchor: the given point is the text's start, middle or end.
    enum Anchor {
        case start, middle, end

        /// How far along the text the anchor point lies, for text `width` long.
        func offset(width: Double) -> Double {
            switch self {
            case .start: return 0
            case .middle: return width / 2
            case .end: return width
            }
        }
    }
    /// Vertical anchor: the given point is the text's top (cap height), middle or baseline.
    enum Baseline { case top, middle, alphabetic }

    var size: Double
    var weight: Weight = .regular
    var color: RGBColor = Palette.ink
    var anchor: Anchor = .start
    var baseline: Baseline = .alphabetic

    static func tick(_ anchor: Anchor = .middle, _ baseline: Baseline = .top) -> TextStyle {
        TextStyle(size: 11, color: Palette.axis, anchor: anchor, baseline: baseline)
    }
    static let axisTitle = TextStyle(size: 12, color: Palette.ink, anchor: .middle, baseline: .top)
    static let title = TextStyle(size: 15, weight: .bold, color: Palette.ink, anchor: .start, baseline: .top)
    static let caption = TextStyle(size: 11, color: Palette.mutedText, anchor: .start, baseline: .top)
    static let legend = TextStyle(size: 11, color: Palette.ink, anchor: .start, baseline: .middle)
}
