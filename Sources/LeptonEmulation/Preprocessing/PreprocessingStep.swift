/// One image operation of an edge preprocessing stage (001, 000 §4.1). Images are NHWC;
/// every step works per sample and per channel. Borders are reflected without repeating
/// the edge pixel (OpenCV's default, BORDER_REFLECT_101).
public enum PreprocessingStep: Sendable, Hashable, Codable {
    /// Gaussian blur with a 5×5 kernel g(u,v) ∝ exp(−(u² + v²) / 2σ²), normalised to sum 1
    /// (OpenCV's σ for a 5×5 kernel is 1.1). FLOPs: 2 · 25 per output value.
    case gaussianBlur5x5(sigma: Float)
    /// The 4-neighbour Laplacian [0 1 0; 1 −4 1; 0 1 0] (cv2.Laplacian, ksize 1).
    /// FLOPs: 2 · 9 per output value.
    case laplacian
    /// Bilinear resize to height × width (half-pixel centres, as OpenCV's INTER_LINEAR).
    /// FLOPs: 8 per output value.
    case resize(height: Int, width: Int)
    /// Min–max normalisation of each sample to [0, 1]: (x − min) / (max − min) (zeros when
    /// max = min). FLOPs: 4 per value (two scans, subtract, multiply).
    case normalize
    /// 000's element-wise affine map f(x) = a·x + b. FLOPs: 2 per value.
    case affine(a: Float, b: Float)

    /// The per-sample output shape for a per-sample input shape [H, W, C].
    public func outputShape(_ input: [Int]) -> [Int] {
        if case let .resize(h, w) = self, input.count == 3 { return [h, w, input[2]] }
        return input
    }

    /// FLOPs for one sample of per-sample shape `input`.
    public func flops(_ input: [Int]) -> Int {
        let out = outputShape(input).reduce(1, *)
        switch self {
        case .gaussianBlur5x5: return 50 * out
        case .laplacian: return 18 * out
        case .resize: return 8 * out
        case .normalize: return 4 * out
        case .affine: return 2 * out
        }
    }
}
