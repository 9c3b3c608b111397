import LeptonTensor

/// What ``MaxPool2D`` and ``AvgPool2D`` share: a window of ``poolSize`` sliding over NHWC
/// images by ``strides`` with ``padding``, and Keras's configuration keys for it.
public protocol Pooling2D: Layer {
    /// The window, height × width.
    var poolSize: (Int, Int) { get }
    /// The step between windows, vertical × horizontal.
    var strides: (Int, Int) { get }
    /// 'valid' (whole windows only) or 'same' (output size ⌈input / stride⌉).
    var padding: Padding { get }
}

extension Pooling2D {
    /// `pool_size`, `strides` and `padding` ("2x2", "2x2", "valid").
    public var configuration: [String: String] {
        ["pool_size": "\(poolSize.0)x\(poolSize.1)", "strides": "\(strides.0)x\(strides.1)", "padding": padding.rawValue]
    }

    /// The geometry of one `inputShape` sample, or the error that names the layer: a pool
    /// size or stride that is not positive, samples that are not images, a window larger
    /// than the input. `type` is the layer's type name in messages ("MaxPool2D").
    func checkedGeometry(_ inputShape: [Int], index: Int, type: String) throws(NNError) -> ConvGeometry {
        guard poolSize.0 > 0, poolSize.1 > 0, strides.0 > 0, strides.1 > 0 else {
            throw .invalidValue(name: "\(name) pool size/strides",
                                value: "\(poolSize.0)×\(poolSize.1)/\(strides.0)×\(strides.1)", allowed: "positive integers")
        }
        return try ConvGeometry.checked(inputShape, window: poolSize, stride: strides, padding: padding,
                                        layer: name, index: index, type: type, windowName: "pool",
                                        tooLargeHint: "Use a larger input, padding 'same', or fewer pooling layers.")
    }

    /// The geometry of a batch of `batch` samples of the built `inputShape`.
    func geometry(batch: Int, _ inputShape: [Int]) -> ConvGeometry {
        ConvGeometry(batch: batch, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                     kernel: poolSize, stride: strides, padding: padding)
    }
}
