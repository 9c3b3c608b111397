/// The outcome of one link profile: the path parameters the models used, how they were obtained, and the records.
public struct LinkMeasurement: Hashable, Sendable, Codable {
    /// The profile measured.
    public var profile: LinkProfile
    /// The parameters given to every model.
    public var path: PathParameters
    /// How the transfers were made and timed and where each parameter came from.
    public var method: String
    /// One record per timed transfer.
    public var records: [TransferRecord]
}
