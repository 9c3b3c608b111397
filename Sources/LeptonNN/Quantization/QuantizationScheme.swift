/// How int8 scales are shared across a weight tensor.
///
/// Both schemes are symmetric (zero point 0, codes in −127…127): per tensor, one scale
/// s = max|w| / 127 for the whole tensor; per channel, one scale per output channel (the
/// last axis of Keras's HWIO convolution kernels and [inputs, units] dense kernels).
public enum QuantizationScheme: String, Sendable, Codable, CaseIterable {
    /// One scale for the whole tensor.
    case perTensor = "per-tensor"
    /// One scale per output channel (the last axis).
    case perChannel = "per-channel"
}
