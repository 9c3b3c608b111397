/// 003's transfer-time model: T_d = T_p + T_s + T_r (packing + sending + unpacking).
public struct StagedTransfer: Hashable, Sendable, Codable {
    /// T_p, the time to pack (serialise) the data.
    public var packing: Double
    /// T_s, the time to send it.
    public var sending: Double
    /// T_r, the time to unpack (deserialise) it.
    public var unpacking: Double

    /// A transfer with the three stage times (any one unit, e.g. milliseconds).
    public init(packing: Double, sending: Double, unpacking: Double) {
        self.packing = packing
        self.sending = sending
        self.unpacking = unpacking
    }

    /// T_d = T_p + T_s + T_r.
    public var total: Double { packing + sending + unpacking }
}
