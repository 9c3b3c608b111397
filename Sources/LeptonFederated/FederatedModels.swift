import LeptonNN

/// The two networks of McMahan et al. (2017) §3, built for any image shape.
public enum FederatedModels {
    /// The names accepted by ``make(_:inputShape:classes:seed:)``.
    public static let names = ["2nn", "cnn"]

    /// "2nn": Flatten → Dense 200 ReLU → Dense 200 ReLU → Dense softmax (the paper's MNIST
    /// 2NN, 199 210 parameters on 28×28). "cnn": Conv 5×5 32 ReLU (same) → MaxPool 2×2 →
    /// Conv 5×5 64 ReLU (same) → MaxPool 2×2 → Flatten → Dense 512 ReLU → Dense softmax.
    /// Keras default initialisers; weights from `seed`.
    public static func make(_ name: String, inputShape: [Int], classes: Int, seed: UInt64) throws -> Sequential {
        switch name {
        case "2nn":
            return try Sequential([Flatten(), Dense(units: 200, activation: .relu), Dense(units: 200, activation: .relu),
                                   Dense(units: classes, activation: .softmax)]).build(inputShape: inputShape, seed: seed)
        case "cnn":
            return try Sequential([Conv2D(filters: 32, kernelSize: (5, 5), padding: .same, activation: .relu), MaxPool2D(),
                                   Conv2D(filters: 64, kernelSize: (5, 5), padding: .same, activation: .relu), MaxPool2D(),
                                   Flatten(), Dense(units: 512, activation: .relu), Dense(units: classes, activation: .softmax)])
                .build(inputShape: inputShape, seed: seed)
        default:
            throw FederatedError.invalidConfiguration(field: "model", value: name, expected: names.joined(separator: " or "))
        }
    }
}
