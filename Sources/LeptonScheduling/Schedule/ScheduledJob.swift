/// One job's place in a schedule: its device and its start and finish times (seconds).
public struct ScheduledJob: Hashable, Sendable, Codable {
    /// Index of the job in the instance.
    public var job: Int
    /// Index of the device it runs on.
    public var device: Int
    /// Start time, seconds from 0.
    public var start: Double
    /// Finish (completion) time, seconds from 0.
    public var finish: Double

    /// A placement of `job` on `device` during [start, finish].
    public init(job: Int, device: Int, start: Double, finish: Double) {
        self.job = job
        self.device = device
        self.start = start
        self.finish = finish
    }
}
