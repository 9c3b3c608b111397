/// Colour-blind-safe colours used by every chart.
///
/// Categorical colours are the Okabe–Ito set (Okabe & Ito, 2008), ordered so the first
/// few stay distinct under protanopia, deuteranopia and tritanopia and keep contrast on
/// white; the sequential scale follows viridis, which is perceptually uniform and
/// readable in greyscale.
public enum Palette {
    /// Okabe–Ito colours in series order: blue, vermillion, bluish green, reddish
    /// purple, orange, sky blue, yellow, black.
    public static let categorical: [RGBColor] = [
        RGBColor(hex: 0x0072B2), RGBColor(hex: 0xD55E00), RGBColor(hex: 0x009E73),
        RGBColor(hex: 0xCC79A7), RGBColor(hex: 0xE69F00), RGBColor(hex: 0x56B4E9),
        RGBColor(hex: 0xF0E442), RGBColor(hex: 0x000000),
    ]

    /// The colour of the `index`-th series; wraps around after eight.
    public static func series(_ index: Int) -> RGBColor {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Colour used to highlight a subset (for example a Pareto front).
    public static let highlight = RGBColor(hex: 0x000000)

    /// Viridis stops from dark purple (0) to yellow (1).
    static let viridis: [RGBColor] = [
        RGBColor(hex: 0x440154), RGBColor(hex: 0x482878), RGBColor(hex: 0x3E4A89),
        RGBColor(hex: 0x31688E), RGBColor(hex: 0x26828E), RGBColor(hex: 0x1F9E89),
        RGBColor(hex: 0x35B779), RGBColor(hex: 0x6DCD59), RGBColor(hex: 0xB4DE2C),
        RGBColor(hex: 0xFDE725),
    ]

    /// A sequential colour for `t` in 0…1. Low values are light (yellow), high values
    /// dark (purple), so the largest cells of a confusion matrix stand out.
    public static func sequential(_ t: Double) -> RGBColor {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        let reversed = 1 - t
        let position = reversed * Double(viridis.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, viridis.count - 1)
        return viridis[lower].mixed(with: viridis[upper], position - Double(lower))
    }

    // Neutral colours of the chart furniture.
    static let background = RGBColor(hex: 0xFFFFFF)
    static let ink = RGBColor(hex: 0x1A1A1A)
    static let axis = RGBColor(hex: 0x4D4D4D)
    static let grid = RGBColor(hex: 0xE6E6E6)
    static let mutedText = RGBColor(hex: 0x5C5C5C)
    static let legendBorder = RGBColor(hex: 0xCCCCCC)
}
