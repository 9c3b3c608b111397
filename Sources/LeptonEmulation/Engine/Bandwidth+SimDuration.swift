import LeptonCore

extension Bandwidth {
    /// The time to put `bytes` on the wire on the virtual clock: `secondsToSend(bytes)`
    /// rounded to whole nanoseconds.
    public func transmissionTime(_ bytes: ByteCount) -> SimDuration {
        SimDuration(seconds: secondsToSend(bytes))
    }
}
