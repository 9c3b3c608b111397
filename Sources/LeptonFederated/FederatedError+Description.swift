import Foundation

extension FederatedError: CustomStringConvertible, LocalizedError {
    /// A sentence naming the field, client or tier at fault and what to do.
    public var description: String {
        switch self {
        case let .invalidConfiguration(field, value, expected):
            return "federated configuration: \(field) = \(value) is out of range; expected \(expected)"
        case let .cannotPartition(partition, samples, clients, reason):
            return "cannot split \(samples) samples over \(clients) clients as \(partition): \(reason); use fewer clients or another partition"
        case let .clientOutOfMemory(client, tier, needed, available):
            return "client \(client): training needs \(needed) B but tier '\(tier)' has \(available) B; give the tier more memory or use a smaller batch"
        case let .linkMismatch(client, link, server):
            return "client \(client): link \(link) does not join the client's tier and the server '\(server)'; give each client a link to the server"
        case let .training(client, reason):
            return "client \(client): local training failed: \(reason)"
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
