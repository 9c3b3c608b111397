import LeptonTensor

/// A convolution fuses with a 2×2 max-pool after it (``Conv2D/inferencePooled(_:by:)``,
/// ``Conv2D/trainingPooled(_:by:)``).
extension Conv2D: FusableLayer {
    /// This convolution and `next` in one pass, when `next` is a max-pool the fused kernel takes.
    public func inferenceFused(with next: Layer, _ input: Tensor) -> Tensor? {
        guard let pool = next as? MaxPool2D else { return nil }
        return inferencePooled(input, by: pool)
    }

    /// The training pass of this convolution and `next` in one, when `next` is a max-pool
    /// the fused kernel takes; backward then takes the pooled gradient.
    public func trainingFused(with next: Layer, _ input: Tensor) -> Tensor? {
        guard let pool = next as? MaxPool2D else { return nil }
        return trainingPooled(input, by: pool)
    }
}

/// A convolution's working memory is its im2col patch matrix: outH · outW · kh · kw · in
/// Float32 values per sample (counted for every convolution, whichever kernel runs it).
extension Conv2D: WorkingMemoryLayer {
    /// The patch matrix per sample; nothing per call.
    public func workingMemory(outputShape: [Int]) -> (elementsPerSample: Int, bytes: Int) {
        (PatchMatrix.elements(kernel: kernel.shape, outputShape: outputShape), 0)
    }
}

/// The size of an im2col patch matrix, shared by the Float32 and int8 convolutions.
enum PatchMatrix {
    /// outH · outW · kh · kw · in for an HWIO `kernel` and a per-sample output
    /// [outH, outW, filters]; 0 for other shapes.
    static func elements(kernel: [Int], outputShape: [Int]) -> Int {
        guard kernel.count == 4, outputShape.count == 3 else { return 0 }
        return outputShape[0] * outputShape[1] * kernel[0] * kernel[1] * kernel[2]
    }
}
