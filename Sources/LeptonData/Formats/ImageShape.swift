/// The shape of one image: height, width and channels.
public struct ImageShape: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Rows of pixels.
    public let height: Int
    /// Columns of pixels.
    public let width: Int
    /// Values per pixel.
    public let channels: Int

    /// Describes an image shape.
    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// "H×W×C", e.g. "28×28×1".
    public var description: String { "\(height)×\(width)×\(channels)" }
}
