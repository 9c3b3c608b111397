import Foundation

/// How a client encodes its model update w_k − w before upload (002's compression applied
/// to federated learning). The server decodes and averages what it received.
public enum UpdateCompression: Sendable, Hashable, CustomStringConvertible {
    /// The updated weights themselves, float32: 4 B per weight.
    case none
    /// The update quantised per tensor to int8 with a float32 scale s = max|δ| / 127,
    /// q = round(δ / s): 1 B per weight + 4 B per tensor.
    case int8
    /// Per tensor, the ⌈fraction·n⌉ entries of largest |δ| as (uint32 index, float32 value)
    /// pairs: 8 B per kept entry + 4 B per tensor for the count; the rest are zero.
    case topK(fraction: Double)

    /// "float32", "int8", "top-10%".
    public var description: String {
        switch self {
        case .none: return "float32"
        case .int8: return "int8"
        case let .topK(f): return "top-\(String(format: "%g", f * 100))%"
        }
    }

    /// Encodes and decodes one tensor's update in place (what the server will see) and
    /// returns the payload bytes it took on the wire.
    public func roundTrip(_ delta: inout [Float]) -> Int {
        switch self {
        case .none:
            return 4 * delta.count
        case .int8:
            let m = delta.reduce(Float(0)) { max($0, abs($1)) }
            if m > 0 {
                let s = m / 127
                for i in delta.indices { delta[i] = (delta[i] / s).rounded(.toNearestOrAwayFromZero).clamped(-127, 127) * s }
            }
            return delta.count + 4
        case let .topK(fraction):
            let k = min(delta.count, max(1, Int((fraction * Double(delta.count)).rounded(.up))))
            // The k largest magnitudes; ties at the threshold go to the lower indices, so
            // the choice is deterministic.
            let threshold = delta.map { abs($0) }.sorted(by: >)[k - 1]
            var sparse = [Float](repeating: 0, count: delta.count)
            var kept = 0
            for i in delta.indices where abs(delta[i]) > threshold { sparse[i] = delta[i]; kept += 1 }
            for i in delta.indices where kept < k && abs(delta[i]) == threshold { sparse[i] = delta[i]; kept += 1 }
            delta = sparse
            return 8 * k + 4
        }
    }
}

extension Float {
    fileprivate func clamped(_ lo: Float, _ hi: Float) -> Float { Swift.min(Swift.max(self, lo), hi) }
}
