import CGD
import Foundation
import LeptonCore

/// A true-colour libgd image: the only owner of a `gdImagePtr` in Lepton.
///
/// Drawing methods take CSS-pixel coordinates and multiply them by `scale`, so a
/// chart laid out at 640×360 CSS pixels renders sharp at 1280×720 device pixels when
/// `scale` is 2. Lines and filled shapes are anti-aliased; text uses FreeType with the
/// resolved TrueType font, or libgd's bitmap fonts as a fallback. Not `Sendable`: one
/// canvas belongs to one render.
public final class Canvas {
    private let image: gdImagePtr
    /// Width in device pixels.
    public let pixelWidth: Int
    /// Height in device pixels.
    public let pixelHeight: Int
    /// Device pixels per CSS pixel.
    public let scale: Double
    let textEngine: TextEngine
    /// Characters no font could draw, in order of first use (reported once per render).
    private(set) var missingCharacters: [Unicode.Scalar] = []
    /// Texts shortened with an ellipsis to fit, in full, in order of first use.
    private(set) var shortenedTexts: [String] = []
    private var shapedCache: [String: TextFonts.Shaped] = [:]

    /// A white canvas of `width`×`height` CSS pixels rendered at `scale`.
    init(width: Double, height: Double, scale: Double, textEngine: TextEngine) throws(ChartError) {
        let pixelWidth = Int((width * scale).rounded())
        let pixelHeight = Int((height * scale).rounded())
        guard pixelWidth > 0, pixelHeight > 0, pixelWidth <= 16_384, pixelHeight <= 16_384,
              let image = gdImageCreateTrueColor(Int32(pixelWidth), Int32(pixelHeight))
        else { throw .canvasAllocationFailed(width: pixelWidth, height: pixelHeight) }
        self.image = image
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.scale = scale
        self.textEngine = textEngine
        gdImageAlphaBlending(image, 1)
        gdImageSaveAlpha(image, 0)
        gdImageFilledRectangle(image, 0, 0, Int32(pixelWidth - 1), Int32(pixelHeight - 1), Self.gdColor(Palette.background))
    }

    /// Decodes PNG bytes with libgd, for reading pixels back (tests, report checks).
    public init(png bytes: [UInt8]) throws(ChartError) {
        var copy = bytes
        let decoded = copy.withUnsafeMutableBytes { buffer -> gdImagePtr? in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count <= Int(Int32.max) else { return nil }
            return gdImageCreateFromPngPtr(Int32(buffer.count), base)
        }
        guard let decoded else { throw .decodingFailed(byteCount: bytes.count) }
        image = decoded
        pixelWidth = Int(decoded.pointee.sx)
        pixelHeight = Int(decoded.pointee.sy)
        scale = 1
        textEngine = .builtIn
    }

    deinit { gdImageDestroy(image) }

    /// The colour of the device pixel at (`x`, `y`), or nil outside the image.
    public func color(atPixelX x: Int, y: Int) -> RGBColor? {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return nil }
        let value = UInt32(bitPattern: gdImageGetTrueColorPixel(image, Int32(x), Int32(y)))
        return RGBColor(hex: value & 0xFF_FFFF)
    }

    /// Encodes the image as PNG; the libgd buffer is copied and freed with `gdFree`.
    func png(compression: Int32 = 6) throws(ChartError) -> [UInt8] {
        var size: Int32 = 0
        guard let raw = gdImagePngPtrEx(image, &size, compression), size > 0 else {
            throw .encodingFailed(format: "PNG")
        }
        defer { gdFree(raw) }
        return Array(UnsafeRawBufferPointer(start: raw, count: Int(size)))
    }

    // MARK: - Shapes

    /// Fills a rectangle snapped to device pixels (crisp edges, for axes, bars and cells).
    func fill(_ rect: Rect, _ color: RGBColor) {
        let x1 = Int32((rect.minX * scale).rounded())
        let y1 = Int32((rect.minY * scale).rounded())
        let x2 = Int32((rect.maxX * scale).rounded()) - 1
        let y2 = Int32((rect.maxY * scale).rounded()) - 1
        guard x2 >= x1, y2 >= y1 else { return }
        gdImageFilledRectangle(image, x1, y1, x2, y2, Self.gdColor(color))
    }

    /// Draws the outline of a rectangle, `width` CSS pixels thick, inside its bounds.
    func stroke(_ rect: Rect, _ color: RGBColor, width: Double = 1) {
        fill(Rect(x: rect.minX, y: rect.minY, width: rect.width, height: width), color)
        fill(Rect(x: rect.minX, y: rect.maxY - width, width: rect.width, height: width), color)
        fill(Rect(x: rect.minX, y: rect.minY, width: width, height: rect.height), color)
        fill(Rect(x: rect.maxX - width, y: rect.minY, width: width, height: rect.height), color)
    }

    /// An anti-aliased polyline `width` CSS pixels wide with round joins.
    func strokeLine(_ points: [Point], _ color: RGBColor, width: Double) {
        guard points.count >= 2 else { return }
        let half = width * scale / 2
        for index in 1..<points.count {
            let a = device(points[index - 1])
            let b = device(points[index])
            let dx = b.x - a.x
            let dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            if half <= 0.75 {
                gdImageSetAntiAliased(image, Self.gdColor(color))
                gdImageLine(image, Int32(a.x.rounded()), Int32(a.y.rounded()),
                            Int32(b.x.rounded()), Int32(b.y.rounded()), gdAntiAliased)
                continue
            }
            let nx = -dy / length * half
            let ny = dx / length * half
            fillDevicePolygon([Point(x: a.x + nx, y: a.y + ny), Point(x: b.x + nx, y: b.y + ny),
                               Point(x: b.x - nx, y: b.y - ny), Point(x: a.x - nx, y: a.y - ny)], color)
        }
        if half > 0.75 {
            for point in points.dropFirst().dropLast() {
                fillDeviceCircle(device(point), radius: half, color)
            }
        }
    }

    /// An anti-aliased filled polygon.
    func fillPolygon(_ points: [Point], _ color: RGBColor) {
        fillDevicePolygon(points.map(device), color)
    }

    /// An anti-aliased filled circle; `radius` in CSS pixels.
    func fillCircle(center: Point, radius: Double, _ color: RGBColor) {
        fillDeviceCircle(device(center), radius: radius * scale, color)
    }

    private func fillDeviceCircle(_ center: Point, radius: Double, _ color: RGBColor) {
        let sides = max(12, min(48, Int(radius * 3)))
        var points: [Point] = []
        points.reserveCapacity(sides)
        for side in 0..<sides {
            let angle = Double(side) / Double(sides) * 2 * Double.pi
            points.append(Point(x: center.x + radius * PortableMath.cos(angle), y: center.y + radius * PortableMath.sin(angle)))
        }
        fillDevicePolygon(points, color)
    }

    private func fillDevicePolygon(_ points: [Point], _ color: RGBColor) {
        guard points.count >= 3 else { return }
        var corners = points.map { gdPoint(x: Int32($0.x.rounded()), y: Int32($0.y.rounded())) }
        // libgd fills polygons without anti-aliasing; tracing the outline with its
        // anti-aliased (Wu) line afterwards blends the jagged edge into the background.
        gdImageSetAntiAliased(image, Self.gdColor(color))
        corners.withUnsafeMutableBufferPointer { buffer in
            gdImageFilledPolygon(image, buffer.baseAddress, Int32(buffer.count), Self.gdColor(color))
            gdImagePolygon(image, buffer.baseAddress, Int32(buffer.count), gdAntiAliased)
        }
    }

    private func device(_ point: Point) -> Point {
        Point(x: point.x * scale, y: point.y * scale)
    }

    static func gdColor(_ color: RGBColor) -> Int32 {
        (Int32(color.red) << 16) | (Int32(color.green) << 8) | Int32(color.blue)
    }

    // MARK: - Text

    /// The size of `text` in CSS pixels: advance width and cap height.
    func measure(_ text: String, _ style: TextStyle) -> (width: Double, height: Double) {
        switch textEngine {
        case let .trueType(fonts):
            let shaped = shape(text, fonts: fonts, style: style)
            let width = shaped.runs.reduce(0.0) { total, run in
                let bounds = trueTypeBounds(run.text, font: run.font, size: style.size)
                return total + Double(bounds[2] - bounds[0])
            }
            return (width / scale, style.size * Self.capHeight)
        case .builtIn:
            let font = builtInFont(for: style.size)
            let width = Double(Self.ascii(text).count * Int(font.pointee.w)) / scale
            return (width, Double(font.pointee.h) / scale)
        }
    }

    /// Draws `text` anchored at `point`; `vertical` turns it to read bottom-to-top.
    func draw(_ text: String, at point: Point, _ style: TextStyle, vertical: Bool = false) {
        guard !text.isEmpty else { return }
        let size = measure(text, style)
        switch textEngine {
        case let .trueType(fonts):
            let shaped = shape(text, fonts: fonts, style: style)
            for scalar in shaped.missing where !missingCharacters.contains(scalar) { missingCharacters.append(scalar) }
            let along = style.anchor.offset(width: size.width)
            let across: Double
            switch style.baseline {
            case .top: across = size.height
            case .middle: across = size.height / 2
            case .alphabetic: across = 0
            }
            let origin = vertical
                ? Point(x: point.x + across, y: point.y + along)
                : Point(x: point.x - along, y: point.y + across)
            var start = device(origin)
            for run in shaped.runs {
                drawTrueType(run.text, font: run.font, size: style.size,
                             color: style.color, at: start, angle: vertical ? Double.pi / 2 : 0)
                guard shaped.runs.count > 1 else { break }
                let bounds = trueTypeBounds(run.text, font: run.font, size: style.size)
                let advance = Double(bounds[2] - bounds[0])
                start = vertical ? Point(x: start.x, y: start.y - advance) : Point(x: start.x + advance, y: start.y)
            }
        case .builtIn:
            drawBuiltIn(text, at: point, style, vertical: vertical, size: size)
        }
    }

    /// `text` as drawn in `style` within `maxWidth` CSS pixels: unchanged when it fits,
    /// else cut at a character boundary and ended with "…". The full text of every
    /// shortened string is kept in ``shortenedTexts``.
    func fitted(_ text: String, _ style: TextStyle, maxWidth: Double) -> String {
        guard maxWidth > 0, measure(text, style).width > maxWidth else { return text }
        let characters = Array(text)
        var low = 0
        var high = characters.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if measure(String(characters[..<middle]) + "…", style).width <= maxWidth { low = middle } else { high = middle - 1 }
        }
        if !shortenedTexts.contains(text) { shortenedTexts.append(text) }
        return String(characters[..<max(low, 1)]).trimmingCharacters(in: .whitespaces) + "…"
    }

    private func shape(_ text: String, fonts: TextFonts, style: TextStyle) -> TextFonts.Shaped {
        let key = (style.weight == .bold ? "b" : "r") + text
        if let known = shapedCache[key] { return known }
        let shaped = fonts.shape(text, bold: style.weight == .bold)
        shapedCache[key] = shaped
        return shaped
    }

    /// DejaVu Sans cap height as a fraction of the em size.
    private static let capHeight = 0.73

    private func points(forCSSPixels size: Double) -> Double {
        size * scale * 72 / 96
    }

    private func trueTypeBounds(_ text: String, font: String, size: Double) -> [Int32] {
        let (bounds, failed) = stringFT(into: nil, text, font: font, size: size, color: 0, x: 0, y: 0, angle: 0)
        if failed {
            // The font was probed when the render started; if FreeType fails now, fall
            // back to an estimate so layout stays sane (DejaVu averages 0.6 em per glyph).
            let width = Int32((Double(text.count) * size * 0.6 * scale).rounded())
            return [0, 0, width, 0, width, 0, 0, 0]
        }
        return bounds
    }

    /// Draws `text` as is with one font file (no font choice, no replacement): tests use it to
    /// draw a font's missing-glyph box.
    func drawTrueType(_ text: String, font: String, size: Double, color: RGBColor,
                              at origin: Point, angle: Double) {
        let (_, failed) = stringFT(into: image, text, font: font, size: size, color: Self.gdColor(color),
                                   x: Int32(origin.x.rounded()), y: Int32(origin.y.rounded()), angle: angle)
        if failed {
            // FreeType refused a font it accepted at probe time; draw with the bitmap font.
            let style = TextStyle(size: size, color: color)
            drawBuiltIn(text, at: Point(x: origin.x / scale, y: origin.y / scale - size * Self.capHeight),
                        style, vertical: angle != 0, size: measure(text, style))
        }
    }

    /// libgd's FreeType call: draws into `target` (or only measures, with nil) and returns the
    /// eight bounding-box coordinates and whether FreeType failed.
    private func stringFT(into target: gdImagePtr?, _ text: String, font: String, size: Double, color: Int32,
                          x: Int32, y: Int32, angle: Double) -> (bounds: [Int32], failed: Bool) {
        var bounds = [Int32](repeating: 0, count: 8)
        var fontPath = Array(font.utf8CString)
        var string = Array(TextFonts.libgdEncoded(text).utf8CString)
        let error = bounds.withUnsafeMutableBufferPointer { boundsBuffer in
            fontPath.withUnsafeMutableBufferPointer { fontBuffer in
                string.withUnsafeMutableBufferPointer { stringBuffer in
                    gdImageStringFT(target, boundsBuffer.baseAddress, color, fontBuffer.baseAddress,
                                    points(forCSSPixels: size), angle, x, y, stringBuffer.baseAddress)
                }
            }
        }
        return (bounds, error != nil)
    }

    private func builtInFont(for size: Double) -> gdFontPtr {
        let pixels = size * scale
        let candidates: [gdFontPtr?] = pixels >= 15 ? [gdFontGetGiant(), gdFontGetLarge()]
            : pixels >= 13 ? [gdFontGetMediumBold(), gdFontGetSmall()]
            : [gdFontGetSmall(), gdFontGetTiny()]
        for candidate in candidates {
            if let candidate { return candidate }
        }
        // libgd's built-in fonts are static data and are always present.
        preconditionFailure("libgd returned no built-in font")
    }

    private func drawBuiltIn(_ text: String, at point: Point, _ style: TextStyle, vertical: Bool,
                             size: (width: Double, height: Double)) {
        let font = builtInFont(for: style.size)
        var along = style.anchor.offset(width: size.width)
        var across: Double
        switch style.baseline {
        case .top: across = 0
        case .middle: across = size.height / 2
        case .alphabetic: across = size.height
        }
        along *= scale
        across *= scale
        let anchor = device(point)
        var bytes = Self.ascii(text) + [0]
        bytes.withUnsafeMutableBufferPointer { buffer in
            if vertical {
                gdImageStringUp(image, font, Int32((anchor.x - across).rounded()),
                                Int32((anchor.y + along).rounded()), buffer.baseAddress, Self.gdColor(style.color))
            } else {
                gdImageString(image, font, Int32((anchor.x - along).rounded()),
                              Int32((anchor.y - across).rounded()), buffer.baseAddress, Self.gdColor(style.color))
            }
        }
    }

    /// The bitmap fonts cover ASCII only; other characters become '?'.
    private static func ascii(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { $0.value >= 32 && $0.value < 127 ? UInt8($0.value) : UInt8(ascii: "?") }
    }
}
