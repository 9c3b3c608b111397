import LeptonTensor

/// Running part of a model: the prefix on one device and the suffix on another.
///
/// A cut after `k` layers (k in ``splitPoints``) gives the prefix `0..<k` and the suffix
/// `k..<layers.count`; k = 0 runs everything after the cut, k = `layers.count` runs
/// everything before it. Running the prefix and then the suffix on its output gives
/// exactly ``forward(_:training:)``.
extension Sequential {
    /// Every place the model can be cut: 0 (before the first layer) … `layers.count`.
    public var splitPoints: ClosedRange<Int> { 0...layers.count }

    /// The per-sample shape of the tensor that crosses a cut after `k` layers (the model's
    /// input shape for k = 0).
    public func shape(afterLayers k: Int) -> [Int] {
        precondition(isBuilt, "build the model before asking for its shapes")
        precondition(splitPoints.contains(k), "cut \(k) is outside 0...\(layers.count)")
        return k == 0 ? inputShape : layerOutputShapes[k - 1]
    }

    /// Runs the batch through the layers in `range` only. The result is valid until those
    /// layers run again; an empty range returns `input`.
    public func forward(_ input: Tensor, layers range: Range<Int>, training: Bool = false) -> Tensor {
        precondition(isBuilt, "build the model before running it")
        precondition(range.lowerBound >= 0 && range.upperBound <= layers.count,
                     "layer range \(range) is outside 0..<\(layers.count)")
        precondition(Array(input.shape.dropFirst()) == shape(afterLayers: range.lowerBound),
                     "input \(input.shape) does not match the shape \(shape(afterLayers: range.lowerBound)) "
                        + "that reaches layer \(range.lowerBound)")
        var x = input
        for i in range { x = layers[i].forward(x, training: training) }
        return x
    }

    /// Floating-point operations of one sample through the layers in `range`.
    public func forwardFLOPs(layers range: Range<Int>) -> Int {
        layers[range].reduce(0) { $0 + $1.forwardFLOPs }
    }
}
