/// The worked case of source document 003 §4.3 — its inputs and its claimed outputs, kept apart.
///
/// The inputs feed the formulas; the claims are only compared against, never used to
/// compute (except where a row says "given the claimed allocation").
public struct Source003Case: Sendable {
    /// Importance A_i of each task.
    public var importance: [Double]
    /// Urgency B_i of each task.
    public var urgency: [Double]
    /// User satisfaction C_i of each task.
    public var satisfaction: [Double]
    /// Compute capacity C_j of each device.
    public var capacity: [Double]
    /// Remaining resources R_j of each device.
    public var remaining: [Double]
    /// Execution time T_j of each device.
    public var executionTime: [Double]
    /// Which devices are cloud devices (the rest are edge).
    public var kinds: [DeviceKind]
    /// The transfer table (T_p, T_s, T_r).
    public var transfers: [StagedTransfer]

    /// Claimed priorities as printed, per task.
    public var claimedPriorities: [String]
    /// Claimed loads as printed, per device.
    public var claimedLoads: [String]
    /// Claimed transfer times T_d as printed, per transfer.
    public var claimedTransferTimes: [String]
    /// Claimed allocation: device number (1-based) per task.
    public var claimedAllocation: [Int]
    /// Claimed per-task totals (execution + transfer) as printed.
    public var claimedTotals: [String]

    /// A case from its inputs and claims.
    public init(importance: [Double], urgency: [Double], satisfaction: [Double], capacity: [Double],
                remaining: [Double], executionTime: [Double], kinds: [DeviceKind], transfers: [StagedTransfer],
                claimedPriorities: [String], claimedLoads: [String], claimedTransferTimes: [String],
                claimedAllocation: [Int], claimedTotals: [String]) {
        self.importance = importance
        self.urgency = urgency
        self.satisfaction = satisfaction
        self.capacity = capacity
        self.remaining = remaining
        self.executionTime = executionTime
        self.kinds = kinds
        self.transfers = transfers
        self.claimedPriorities = claimedPriorities
        self.claimedLoads = claimedLoads
        self.claimedTransferTimes = claimedTransferTimes
        self.claimedAllocation = claimedAllocation
        self.claimedTotals = claimedTotals
    }

    /// 003 §4.3 as published: 5 tasks, 3 edge devices and 1 cloud device, 3 transfers, and the claims.
    public static let published = Source003Case(
        importance: [3, 2, 5, 4, 1],
        urgency: [5, 3, 2, 4, 1],
        satisfaction: [4, 5, 3, 2, 1],
        capacity: [1000, 1500, 2000, 3000],
        remaining: [500, 800, 1000, 2000],
        executionTime: [20, 30, 40, 50],
        kinds: [.edge, .edge, .edge, .cloud],
        transfers: [StagedTransfer(packing: 5, sending: 10, unpacking: 3),
                    StagedTransfer(packing: 8, sending: 12, unpacking: 4),
                    StagedTransfer(packing: 3, sending: 15, unpacking: 6)],
        claimedPriorities: ["2.4", "1.6", "3.8", "2.8", "0.2"],
        claimedLoads: ["2.5", "2.2", "1.75", "1.4"],
        claimedTransferTimes: ["18", "24", "24"],
        claimedAllocation: [1, 2, 3, 2, 1],
        claimedTotals: ["38", "54", "64", "54", "38"])
}
