/// Where a device sits: at the network edge or in the cloud.
public enum DeviceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An edge device (close to the data, usually slower).
    case edge
    /// A cloud device (far from the data, usually faster).
    case cloud
}
