import Foundation

/// Everything that can go wrong while setting up or running federated training.
///
/// The cases carry data only; the wording lives in `FederatedError+Description.swift`.
public enum FederatedError: Error, Equatable, Sendable {
    /// A configuration field is out of range.
    case invalidConfiguration(field: String, value: String, expected: String)
    /// A partition cannot be made (too few samples or classes for the clients).
    case cannotPartition(partition: String, samples: Int, clients: Int, reason: String)
    /// A client's tier has too little memory to train the model.
    case clientOutOfMemory(client: String, tier: String, needed: Int, available: Int)
    /// A client's link does not reach the server.
    case linkMismatch(client: String, link: String, server: String)
    /// The model and the data disagree, or the training core refused.
    case training(client: String, reason: String)
}
