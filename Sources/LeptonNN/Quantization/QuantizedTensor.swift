import LeptonTensor

/// A weight tensor stored as symmetric int8 codes with Float32 scales.
///
/// Quantisation: s_c = max_i |w_{i,c}| / 127 (s_c = 1 when the channel is all zeros),
/// q = clamp(round(w / s_c), −127, 127). Dequantisation: w' = q · s_c, so
/// |w − w'| ≤ s_c / 2. With ``QuantizationScheme/perTensor`` there is one channel.
public struct QuantizedTensor: Sendable, Equatable {
    /// The tensor's path in the model ("dense_1.kernel").
    public let name: String
    /// The shape of the float tensor it stands for.
    public let shape: [Int]
    /// The int8 codes, row-major like the float tensor.
    public internal(set) var codes: [Int8]
    /// One scale (per tensor) or one per output channel (per channel).
    public internal(set) var scales: [Float]
    /// How the scales are shared.
    public let scheme: QuantizationScheme

    /// Quantises `tensor` with `scheme`.
    public init(quantizing tensor: Tensor, name: String, scheme: QuantizationScheme) {
        self.name = name
        self.shape = tensor.shape
        self.scheme = scheme
        let n = tensor.count
        let channels = scheme == .perChannel ? Swift.max(tensor.shape.last ?? 1, 1) : 1
        var maxAbs = [Float](repeating: 0, count: channels)
        for i in 0..<n {
            let c = i % channels
            maxAbs[c] = Swift.max(maxAbs[c], abs(tensor.pointer[i]))
        }
        let scales = maxAbs.map { $0 > 0 ? $0 / 127 : 1 }
        var codes = [Int8](repeating: 0, count: n)
        for i in 0..<n {
            let q = (tensor.pointer[i] / scales[i % channels]).rounded(.toNearestOrAwayFromZero)
            codes[i] = Int8(Swift.max(-127, Swift.min(127, q)))
        }
        self.codes = codes
        self.scales = scales
    }

    /// A tensor from stored codes and scales (used when reading a weight file).
    public init(name: String, shape: [Int], codes: [Int8], scales: [Float], scheme: QuantizationScheme) {
        precondition(codes.count == shape.reduce(1, *), "\(name): \(codes.count) codes for shape \(shape)")
        self.name = name
        self.shape = shape
        self.codes = codes
        self.scales = scales
        self.scheme = scheme
    }

    /// The number of channels that have their own scale.
    public var channels: Int { scales.count }

    /// Bytes needed to store it: one per code plus four per scale.
    public var storageBytes: Int { codes.count + 4 * scales.count }

    /// Writes w' = q · s into `destination` (`codes.count` values).
    public func dequantize(into destination: UnsafeMutablePointer<Float>) {
        let c = scales.count
        codes.withUnsafeBufferPointer { q in
            scales.withUnsafeBufferPointer { s in
                if c == 1 {
                    let scale = s[0]
                    for i in 0..<q.count { destination[i] = Float(q[i]) * scale }
                } else {
                    var i = 0
                    while i < q.count {
                        for j in 0..<c { destination[i + j] = Float(q[i + j]) * s[j] }
                        i += c
                    }
                }
            }
        }
    }

    /// The dequantised values as a new tensor.
    public func dequantized() -> Tensor {
        let t = Tensor(zeros: shape)
        dequantize(into: t.pointer)
        return t
    }
}
