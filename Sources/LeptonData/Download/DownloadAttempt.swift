/// One try at fetching a file from one mirror, and why it failed.
public struct DownloadAttempt: Equatable, Sendable {
    /// The full URL that was tried.
    public let url: String
    /// What went wrong (a `fetchFailed` or a `checksumMismatch`).
    public let failure: DataError

    /// Records a failed try at `url`.
    public init(url: String, failure: DataError) {
        self.url = url
        self.failure = failure
    }
}
