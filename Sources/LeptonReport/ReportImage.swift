/// An already drawn PNG (a chart rendered earlier, for instance by a cached notebook
/// cell) with its CSS size and caption.
public struct ReportImage: Hashable, Sendable {
    /// The PNG bytes.
    public var png: [UInt8]
    /// Display width in CSS pixels.
    public var width: Int
    /// Display height in CSS pixels.
    public var height: Int
    /// Caption shown under the image (plain text).
    public var caption: String?
    /// Text for screen readers and broken images.
    public var alt: String

    /// An image block.
    public init(png: [UInt8], width: Int, height: Int, caption: String? = nil, alt: String) {
        self.png = png
        self.width = width
        self.height = height
        self.caption = caption
        self.alt = alt
    }
}
