import Foundation
import XCTest
@testable import LeptonCharts

/// Text in any script and of any length. Needs Debian's `fonts-dejavu-core` and, for
/// Chinese, `fonts-wqy-zenhei` (both installed by scripts/setup.sh); each test skips,
/// saying which font is missing, when they are absent.
final class TextFontsTests: XCTestCase {
    private static let cjkFont = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

    private func requireFonts(cjk: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: ChartFonts.dejaVu.regular) else {
            throw XCTSkip("fonts-dejavu-core is not installed (scripts/setup.sh installs it)")
        }
        if cjk, !FileManager.default.fileExists(atPath: Self.cjkFont) {
            throw XCTSkip("fonts-wqy-zenhei is not installed (scripts/setup.sh installs it)")
        }
    }

    /// Dark pixels of a device-pixel rectangle, row by row.
    private func ink(_ canvas: Canvas, x: Int, y: Int, width: Int, height: Int) -> [Bool] {
        var mask: [Bool] = []
        for row in y..<(y + height) {
            for column in x..<(x + width) {
                let color = canvas.color(atPixelX: column, y: row) ?? Palette.background
                mask.append(Int(color.red) + Int(color.green) + Int(color.blue) < 384)
            }
        }
        return mask
    }

    private func difference(_ a: [Bool], _ b: [Bool]) -> Int {
        zip(a, b).filter { $0 != $1 }.count
    }

    private func canvas() throws -> Canvas {
        let (engine, warning) = ChartFonts.dejaVu.resolve()
        XCTAssertNil(warning)
        return try Canvas(width: 60, height: 40, scale: 2, textEngine: engine)
    }

    private func chineseChart(title: String) -> Chart {
        .line(LineChart(title: title, series: [LineSeries("训练集", x: [1, 2, 3], y: [0.5, 0.8, 0.9])],
                        xAxis: Axis("轮次"), yAxis: Axis("准确率")))
    }

    func testChineseTitleAndAxisLabelAreDrawnWithACJKFont() throws {
        try requireFonts(cjk: true)
        let first = try DecodedChart(chineseChart(title: "准确率与训练轮次"))
        let second = try DecodedChart(chineseChart(title: "损失函数随轮次变"))
        XCTAssertEqual(first.rendered.warnings, [], "every Chinese character has a glyph")
        // The title band (top left): both titles have ink, and the ink differs, so the
        // characters are drawn rather than the same box eight times.
        let titleA = ink(first.image, x: 16, y: 16, width: 300, height: 36)
        let titleB = ink(second.image, x: 16, y: 16, width: 300, height: 36)
        XCTAssertGreaterThan(titleA.filter { $0 }.count, 400, "the title has ink")
        XCTAssertGreaterThan(difference(titleA, titleB), 400, "two different titles of equal length look different")
        // The x-axis title "轮次" is drawn under the plot.
        let plot = first.layout.plot
        let axisTitle = first.count(Palette.ink, in: Rect(x: plot.center.x - 20, y: plot.maxY + 18, width: 40, height: 18),
                                    tolerance: 120)
        XCTAssertGreaterThan(axisTitle, 30, "the x-axis title has ink")
    }

    func testNoChineseGlyphEqualsTheMissingGlyphBox() throws {
        try requireFonts(cjk: true)
        let style = TextStyle(size: 16, color: Palette.ink, anchor: .start, baseline: .alphabetic)
        // The box FreeType draws for a character the CJK font lacks (a private-use one).
        let boxCanvas = try canvas()
        boxCanvas.drawTrueType("\u{E000}", font: Self.cjkFont, size: 16, color: Palette.ink, at: Point(x: 10, y: 50), angle: 0)
        let box = ink(boxCanvas, x: 0, y: 0, width: 80, height: 64)
        XCTAssertGreaterThan(box.filter { $0 }.count, 20, "the missing-glyph box has ink")
        for character in "准确率与训练轮次损失" {
            let glyph = try canvas()
            glyph.draw(String(character), at: Point(x: 5, y: 25), style)
            let mask = ink(glyph, x: 0, y: 0, width: 80, height: 64)
            XCTAssertGreaterThan(mask.filter { $0 }.count, 20, "\(character) has ink")
            XCTAssertGreaterThan(difference(mask, box), 40, "\(character) is not the missing-glyph box")
        }
        XCTAssertEqual(glyph(of: "准"), Self.cjkFont, "Chinese falls back to the CJK font found through fontconfig")
        XCTAssertEqual(glyph(of: "Loss"), ChartFonts.dejaVu.regular, "Latin text keeps DejaVu Sans")
        // A string no single font covers is split into runs: Chinese from the CJK font, ∰ from DejaVu.
        guard case let .trueType(fonts) = ChartFonts.dejaVu.resolve().0 else { return XCTFail("expected TrueType text") }
        let mixed = fonts.shape("螃蟹 \u{2230}", bold: false)
        XCTAssertEqual(mixed.runs.map(\.font), [Self.cjkFont, ChartFonts.dejaVu.regular])
        XCTAssertEqual(mixed.missing, [])
        XCTAssertEqual(mixed.text, "螃蟹 \u{2230}")
    }

    private func glyph(of text: String) -> String? {
        guard case let .trueType(fonts) = ChartFonts.dejaVu.resolve().0 else { return nil }
        return fonts.shape(text, bold: false).font
    }

    func testEmojiWithoutAGlyphIsReplacedVisiblyWithOneWarning() throws {
        try requireFonts()
        // No Debian font Lepton installs has U+1F980 🦀; DejaVu Sans has 😀, but libgd cannot
        // reach characters above U+1869F (raw, it drew "ð" and boxes for them).
        let chart = Chart.line(LineChart(title: "Crabs 🦀 over time 🦀",
                                         series: [LineSeries("crab 🦀", x: [1, 2], y: [1, 2]),
                                                  LineSeries("smile 😀", x: [1, 2], y: [2, 1])]))
        let rendered = try chart.render()
        XCTAssertEqual(rendered.warnings, [.missingGlyphs(characters: "🦀😀")], "one warning naming both characters once")
        XCTAssertTrue(rendered.warnings.first?.description.contains("U+1F980") ?? false)
        // The replacement is visible: "🦀" draws exactly what "\u{FFFD}" draws, and that has ink.
        let style = TextStyle(size: 16)
        let emoji = try canvas()
        emoji.draw("🦀", at: Point(x: 5, y: 25), style)
        let replacement = try canvas()
        replacement.draw("\u{FFFD}", at: Point(x: 5, y: 25), style)
        let emojiInk = ink(emoji, x: 0, y: 0, width: 120, height: 80)
        XCTAssertGreaterThan(emojiInk.filter { $0 }.count, 40, "something visible is drawn for the emoji")
        XCTAssertEqual(difference(emojiInk, ink(replacement, x: 0, y: 0, width: 120, height: 80)), 0)
        XCTAssertEqual(emoji.missingCharacters, ["🦀"])
    }

    func testCharactersBeyondTheBasicPlaneAreReplacedNotGarbled() throws {
        try requireFonts()
        // DejaVu Sans has U+10300 𐌀, but libgd reads only three-byte UTF-8 and a font's BMP
        // character map (raw, it drew "ð" and boxes): such text is replaced and reported.
        let canvas = try canvas()
        canvas.draw("a\u{10300}b", at: Point(x: 5, y: 25), TextStyle(size: 16))
        XCTAssertEqual(canvas.missingCharacters, ["\u{10300}"])
        guard case let .trueType(fonts) = canvas.textEngine else { return XCTFail("expected TrueType text") }
        XCTAssertEqual(fonts.shape("a\u{10300}b", bold: false).text, "a\u{FFFD}b")
        XCTAssertEqual(fonts.shape("a\u{FFFF}", bold: false).missing, ["\u{FFFF}"], "a BMP character no font has")
    }

    func testTextIsDrawnLiterallyNotAsEntitiesOrLines() throws {
        try requireFonts()
        let canvas = try canvas()
        let style = TextStyle(size: 12)
        // libgd reads "&#66;" as "B"; Lepton passes "&" as an entity so the text stays literal.
        XCTAssertGreaterThan(canvas.measure("&#66;", style).width, 3 * canvas.measure("B", style).width)
        XCTAssertEqual(TextFonts.libgdEncoded("a&b\u{10300}"), "a&#38;b&#66304;")
        guard case let .trueType(fonts) = canvas.textEngine else { return XCTFail("expected TrueType text") }
        XCTAssertEqual(fonts.shape("a\nb\tc", bold: false).text, "a b c", "control characters become spaces")
    }

    func testLongLegendEntryAndTitlesStayInsideTheImage() throws {
        try requireFonts()
        let long = String(repeating: "very long legend entry ", count: 13) + "end"
        XCTAssertGreaterThanOrEqual(long.count, 300)
        let chart = Chart.line(LineChart(title: "Title " + long, series: [LineSeries(long, x: [1, 2, 3], y: [1, 3, 2]),
                                                                          LineSeries("short", x: [1, 2, 3], y: [2, 1, 3])],
                                         xAxis: Axis(long), yAxis: Axis(long)))
        let decoded = try DecodedChart(chart)
        let size = chart.size
        guard let legend = decoded.layout.legend else { return XCTFail("legend missing") }
        XCTAssertGreaterThanOrEqual(legend.frame.minX, 0)
        XCTAssertLessThanOrEqual(legend.frame.maxX, size.width, "the legend stays inside the image")
        XCTAssertTrue(legend.entries[0].item.label.hasSuffix("…"))
        XCTAssertEqual(legend.entries[1].item.label, "short")
        XCTAssertEqual(Set(decoded.rendered.shortenedTexts), [long, "Title " + long], "the full texts are kept")
        // Nothing is drawn in the rightmost 4 CSS pixels: the text did not run off the edge.
        XCTAssertEqual(decoded.count(Palette.ink, in: Rect(x: size.width - 4, y: 0, width: 4, height: size.height), tolerance: 200), 0)
        XCTAssertGreaterThan(decoded.layout.plot.width, size.width * 0.4, "the plot keeps most of the width")
    }

    func testIntegerAxesGetIntegerTicks() throws {
        try requireFonts()
        let epochs = Chart.line(LineChart(series: [LineSeries("loss", x: [1, 2, 3, 4], y: [1, 0.5, 0.4, 0.3])]))
        let ticks = try DecodedChart(epochs).layout.x?.ticks ?? []
        XCTAssertFalse(ticks.isEmpty)
        XCTAssertTrue(ticks.allSatisfy { $0 == $0.rounded() }, "whole-number x data gets whole-number ticks: \(ticks)")
        // Without the rule the same data gets 0.5 steps, so the test above can fail.
        let fractional = Chart.line(LineChart(series: [LineSeries("loss", x: [1, 2, 3, 4], y: [1, 0.5, 0.4, 0.3])],
                                              xAxis: Axis(integerTicks: false)))
        XCTAssertTrue(try DecodedChart(fractional).layout.x?.ticks.contains { $0 != $0.rounded() } ?? false)
        XCTAssertEqual(NiceTicks.linear(minimum: 1, maximum: 3, target: 9, integer: true).step, 1)
        XCTAssertEqual(NiceTicks.linear(minimum: 0, maximum: 12, target: 6, integer: true).step, 2)
    }
}
