extension Chart {
    /// Renders the chart to PNG with libgd.
    ///
    /// - Parameters:
    ///   - scale: device pixels per CSS pixel; 2 gives sharp images on high-density
    ///     screens (a 640×360 chart becomes a 1280×720 PNG). Must be in 0.5…4.
    ///   - fonts: the TrueType fonts; if the regular one cannot be opened, libgd's
    ///     built-in font is used and the result carries a ``ChartWarning``.
    ///   - compression: zlib level for the PNG, 1 (fastest, the default: encoding dominates
    ///     render time) to 9 (smallest).
    /// - Throws: ``ChartError`` when the description is invalid (nothing is drawn then)
    ///   or libgd fails.
    public func render(scale: Double = 2, fonts: ChartFonts = .dejaVu, compression: Int = 1) throws(ChartError) -> RenderedChart {
        guard scale.isFinite, scale >= 0.5, scale <= 4 else {
            throw .invalidParameter(chart: kindName, name: "scale", value: "\(scale)", expected: "between 0.5 and 4")
        }
        guard (1...9).contains(compression) else {
            throw .invalidParameter(chart: kindName, name: "compression", value: "\(compression)", expected: "between 1 and 9")
        }
        let size = size
        try Validation.size(size, chart: kindName)
        let (engine, warning) = fonts.resolve()
        let canvas = try Canvas(width: size.width, height: size.height, scale: scale, textEngine: engine)
        let layout = try draw(on: canvas, in: Rect(x: 0, y: 0, width: size.width, height: size.height))
        let png = try canvas.png(compression: Int32(compression))
        var warnings = warning.map { [$0] } ?? []
        if !canvas.missingCharacters.isEmpty {
            warnings.append(.missingGlyphs(characters: String(String.UnicodeScalarView(canvas.missingCharacters))))
        }
        return RenderedChart(png: png, size: size, scale: scale, pixelWidth: canvas.pixelWidth,
                             pixelHeight: canvas.pixelHeight, layout: layout, warnings: warnings + gapWarnings,
                             shortenedTexts: canvas.shortenedTexts)
    }

    /// One warning per series with NaN or infinite values drawn as gaps.
    var gapWarnings: [ChartWarning] {
        let gaps: [(series: String, count: Int)]
        switch self {
        case let .line(chart): gaps = chart.nonFinitePoints
        case let .bar(chart): gaps = chart.nonFinitePoints
        default: gaps = []
        }
        let name = "\(kindName) '\(title ?? "untitled")'"
        return gaps.map { .nonFiniteValues(chart: name, series: $0.series, count: $0.count) }
    }
}
