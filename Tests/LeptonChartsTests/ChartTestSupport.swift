import Foundation
import XCTest
@testable import LeptonCharts

/// Reads a rendered chart back through libgd and answers questions about its pixels.
///
/// Tests use the DejaVu fonts from Debian's `fonts-dejavu-core` (declared by the
/// project's setup); nothing compares PNG bytes.
struct DecodedChart {
    let rendered: RenderedChart
    let image: Canvas

    init(_ chart: Chart, fonts: ChartFonts = .dejaVu, file: StaticString = #filePath, line: UInt = #line) throws {
        rendered = try chart.render(scale: 2, fonts: fonts)
        image = try Canvas(png: rendered.png)
        if let folder = ProcessInfo.processInfo.environment["LEPTON_CHART_DUMP"] {
            let name = (chart.title ?? chart.kindName).replacingOccurrences(of: " ", with: "-")
            try Data(rendered.png).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
        }
    }

    var layout: ChartLayout { rendered.layout }

    /// The colour at a CSS-pixel point.
    func color(at point: Point) -> RGBColor? {
        let pixel = layout.pixel(point)
        return image.color(atPixelX: pixel.x, y: pixel.y)
    }

    /// Whether some pixel within `radius` device pixels of `point` is close to `color`.
    func hasColor(_ color: RGBColor, near point: Point, radius: Int = 2, tolerance: Int = 10) -> Bool {
        let center = layout.pixel(point)
        for dy in -radius...radius {
            for dx in -radius...radius {
                if let found = image.color(atPixelX: center.x + dx, y: center.y + dy), found.distance(to: color) <= tolerance {
                    return true
                }
            }
        }
        return false
    }

    /// Counts pixels in a CSS-pixel rectangle whose colour is within `tolerance` of `color`.
    func count(_ color: RGBColor, in rect: Rect, tolerance: Int = 10) -> Int {
        let topLeft = layout.pixel(Point(x: rect.minX, y: rect.minY))
        let bottomRight = layout.pixel(Point(x: rect.maxX, y: rect.maxY))
        var total = 0
        for y in max(0, topLeft.y)..<min(image.pixelHeight, max(topLeft.y, bottomRight.y)) {
            for x in max(0, topLeft.x)..<min(image.pixelWidth, max(topLeft.x, bottomRight.x)) {
                if let found = image.color(atPixelX: x, y: y), found.distance(to: color) <= tolerance { total += 1 }
            }
        }
        return total
    }

    /// Checks the structure every chart with axes shares: PNG size, white background,
    /// axis lines and a legend whose swatches show the given colours.
    func assertFrame(size: ChartSize, legendColors: [RGBColor], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image.pixelWidth, Int(size.width * 2), "PNG width is twice the CSS width", file: file, line: line)
        XCTAssertEqual(image.pixelHeight, Int(size.height * 2), "PNG height is twice the CSS height", file: file, line: line)
        for corner in [(0, 0), (image.pixelWidth - 1, 0), (0, image.pixelHeight - 1), (image.pixelWidth - 1, image.pixelHeight - 1)] {
            XCTAssertEqual(image.color(atPixelX: corner.0, y: corner.1), Palette.background, "background at \(corner)", file: file, line: line)
        }
        let plot = layout.plot
        // The axis lines are one CSS pixel just outside the plot's left and bottom edges.
        for fraction in [0.1, 0.5, 0.9] {
            XCTAssertEqual(color(at: Point(x: plot.minX - 0.5, y: plot.minY + plot.height * fraction)), Palette.axis,
                           "y axis line", file: file, line: line)
            XCTAssertEqual(color(at: Point(x: plot.minX + plot.width * fraction, y: plot.maxY + 0.5)), Palette.axis,
                           "x axis line", file: file, line: line)
        }
        guard !legendColors.isEmpty else { return }
        guard let legend = layout.legend else {
            XCTFail("legend missing", file: file, line: line)
            return
        }
        XCTAssertEqual(legend.entries.map(\.item.color), legendColors, "legend colours", file: file, line: line)
        for entry in legend.entries {
            XCTAssertGreaterThan(count(entry.item.color, in: entry.swatch, tolerance: 4), 8,
                          "legend swatch for '\(entry.item.label)'", file: file, line: line)
            // The label is drawn: dark text pixels right of the swatch.
            let label = Rect(x: entry.swatch.maxX + 6, y: entry.swatch.minY - 2, width: 30, height: entry.swatch.height + 4)
            XCTAssertGreaterThan(count(Palette.ink, in: label, tolerance: 90), 3, "legend text for '\(entry.item.label)'",
                                 file: file, line: line)
        }
    }
}
