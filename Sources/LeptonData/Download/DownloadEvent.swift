import Foundation

/// Progress reported by `MNISTDownloader.download(progress:)`, for the caller to show.
public enum DownloadEvent: Sendable {
    /// The file is already in the cache with the right checksum; nothing fetched.
    case alreadyPresent(file: String, path: URL)
    /// Fetching the file from `url` starts.
    case fetching(file: String, url: URL)
    /// One mirror failed; the next one is tried.
    case attemptFailed(DownloadAttempt)
    /// The file was verified and moved into place.
    case saved(file: String, path: URL)
}
