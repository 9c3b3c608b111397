/// Which path a link profile's transfers take.
public enum LinkMedium: String, Hashable, Sendable, Codable {
    /// 127.0.0.1 in the harness's own namespace; no kernel shaping.
    case loopback
    /// A veth pair between two namespaces the harness creates (needs root or CAP_NET_ADMIN).
    case veth
}
