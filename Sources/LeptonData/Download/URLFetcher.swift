import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches the bytes behind one URL, synchronously: `file://` from disk, `http(s)://` with URLSession.
enum URLFetcher {
    /// The whole body at `url`, or `fetchFailed` saying why not.
    static func fetch(_ url: URL, timeout: TimeInterval) throws(DataError) -> Data {
        if url.isFileURL {
            do {
                return try Data(contentsOf: url)
            } catch {
                throw .fetchFailed(url: url.absoluteString, reason: "cannot read: \(error.localizedDescription)")
            }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = ResultBox()
        let task = session.dataTask(with: url) { data, response, error in
            if let error {
                box.set(.failure(.fetchFailed(url: url.absoluteString, reason: error.localizedDescription)))
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.set(.failure(.fetchFailed(url: url.absoluteString, reason: "HTTP status \(http.statusCode)")))
            } else {
                box.set(.success(data ?? Data()))
            }
        }
        task.resume()
        return try box.wait().get()
    }
}

/// Hands one result from URLSession's callback thread to the waiting caller.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Data, DataError>?

    func set(_ value: Result<Data, DataError>) {
        lock.lock()
        result = value
        lock.unlock()
        done.signal()
    }

    func wait() -> Result<Data, DataError> {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return result ?? .failure(.fetchFailed(url: "", reason: "no response"))
    }
}
