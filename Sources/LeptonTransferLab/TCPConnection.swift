import LeptonScheduling
#if canImport(Glibc)
import Glibc
#endif

/// A connected IPv4 TCP client socket; owns its descriptor and closes it when released.
final class TCPConnection {
    private let fd: Int32

    /// Connects to `host:port` (dotted IPv4), creating the socket inside network namespace `namespace` if given.
    /// Sets TCP_NODELAY and send/receive timeouts of `timeout`.
    init(host: String, port: UInt16, namespace: String?, timeout: Seconds) throws(TransferLabError) {
        let fd = try NetworkNamespace.run(in: namespace) { () throws(TransferLabError) -> Int32 in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw NetworkNamespace.failure("socket") }
            return fd
        }
        self.fd = fd
        var one: Int32 = 1
        try check(setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size)), "setsockopt TCP_NODELAY")
        var limit = timeval(tv_sec: Int(timeout.value), tv_usec: Int((timeout.value - timeout.value.rounded(.down)) * 1e6))
        try check(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size)), "setsockopt SO_RCVTIMEO")
        try check(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size)), "setsockopt SO_SNDTIMEO")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw .invalidParameter(name: "host", found: host, expected: "a dotted IPv4 address")
        }
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try check(status, "connect to \(host):\(port)")
    }

    deinit { close(fd) }

    /// Sends every byte of `buffer`, retrying short writes.
    func sendAll(_ buffer: UnsafeRawBufferPointer) throws(TransferLabError) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let sent = send(fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                if errno == EINTR { continue }
                throw NetworkNamespace.failure("send")
            }
            offset += sent
        }
    }

    /// Receives exactly one byte; throws if the peer closes or the timeout passes first.
    func receiveByte() throws(TransferLabError) -> UInt8 {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            if count == 0 {
                throw .transferFailed(bytes: .zero, reason: "the receiver closed the connection before acknowledging")
            }
            throw NetworkNamespace.failure("recv")
        }
    }

    private func check(_ status: Int32, _ call: String) throws(TransferLabError) {
        guard status == 0 else { throw NetworkNamespace.failure(call) }
    }
}
