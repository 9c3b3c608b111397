/// The simple power model of a tier (documented in docs/EMULATION.md).
///
/// A tier draws `idle` all the time and `busy` when every job slot is in use, linearly in
/// between: E = P_idle · T + (P_busy − P_idle) · U · T, where T is the run's span and U the
/// tier's utilisation (busy slot-time ÷ (slots · T)).
public struct PowerProfile: Sendable, Hashable, Codable {
    /// The draw with nothing running.
    public var idle: Power
    /// The draw with every slot busy.
    public var busy: Power

    /// A profile from its two figures.
    public init(idle: Power, busy: Power) {
        self.idle = idle
        self.busy = busy
    }

    /// A small single-board computer (Raspberry Pi 4 class): 2.7 W idle, 6.4 W busy.
    public static let edgeBoard = PowerProfile(idle: .watts(2.7), busy: .watts(6.4))
    /// A share of a cloud server: 60 W idle, 200 W busy.
    public static let cloudServer = PowerProfile(idle: .watts(60), busy: .watts(200))

    /// The energy over a span `total` with utilisation `utilisation`.
    public func energy(over total: SimDuration, utilisation: Double) -> Energy {
        Energy(joules: idle.watts * total.seconds + (busy.watts - idle.watts) * utilisation * total.seconds)
    }
}
