/// The geometry of a 2-D window operation over NHWC images.
public struct ConvGeometry: Sendable, Equatable {
    public let batch: Int, height: Int, width: Int, channels: Int
    public let kernelHeight: Int, kernelWidth: Int
    public let strideY: Int, strideX: Int
    public let outHeight: Int, outWidth: Int
    public let padTop: Int, padLeft: Int

    /// Computes output size and padding for the given input, window, stride and padding.
    public init(batch: Int, height: Int, width: Int, channels: Int,
                kernel: (Int, Int), stride: (Int, Int), padding: Padding) {
        self.batch = batch; self.height = height; self.width = width; self.channels = channels
        kernelHeight = kernel.0; kernelWidth = kernel.1
        strideY = stride.0; strideX = stride.1
        let oy = padding.output(input: height, window: kernel.0, stride: stride.0)
        let ox = padding.output(input: width, window: kernel.1, stride: stride.1)
        outHeight = oy.size; outWidth = ox.size
        padTop = oy.padBefore; padLeft = ox.padBefore
    }

    /// Rows of the im2col matrix: one per output pixel of every image.
    public var patchCount: Int { batch * outHeight * outWidth }
    /// Columns of the im2col matrix: kernel height × kernel width × channels.
    public var patchSize: Int { kernelHeight * kernelWidth * channels }
}
