/// The named architectures from the source documents (see SEEDS.md).
public enum ModelZoo {
    /// A named model recipe.
    public struct Entry: Sendable {
        /// The name used on the command line.
        public let name: String
        /// What it is and where it comes from.
        public let description: String
        /// Makes fresh, unbuilt layers for `classes` outputs.
        public let make: @Sendable (_ classes: Int) -> [Layer]
        /// What the last layer outputs: class probabilities (softmax) or regression values (linear).
        public var task: Task = .classification
    }

    /// What a model's output means, and so which loss trains it.
    public enum Task: String, Sendable {
        /// Class probabilities, trained with categorical cross-entropy.
        case classification
        /// Real values (`classes` is then the number of targets), trained with mean squared error.
        case regression
    }

    /// Every known model.
    public static let all: [Entry] = [
        Entry(name: "seed-cnn",
              description: "003 §5.2: Conv2D 32 3×3 ReLU → MaxPool 2×2 → Flatten → Dense 64 ReLU → Dense softmax",
              make: { classes in
                  [Conv2D(filters: 32, kernelSize: (3, 3), activation: .relu), MaxPool2D(poolSize: (2, 2)), Flatten(),
                   Dense(units: 64, activation: .relu), Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "conv3",
              description: "000 §5.2 on one-channel input: 3× (Conv2D 3×3 ReLU 32/64/128 → MaxPool 2×2) → Flatten → Dense 128 ReLU → Dense softmax",
              make: { classes in
                  [Conv2D(filters: 32, activation: .relu), MaxPool2D(),
                   Conv2D(filters: 64, activation: .relu), MaxPool2D(),
                   Conv2D(filters: 128, activation: .relu), MaxPool2D(),
                   Flatten(), Dense(units: 128, activation: .relu), Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "mlp",
              description: "Flatten → Dense 128 ReLU → Dense softmax (a baseline without convolutions)",
              make: { classes in
                  [Flatten(), Dense(units: 128, activation: .relu), Dense(units: classes, activation: .softmax)]
              }),
        // The model-shape suite of `make bench` (docs/BENCHMARKS.md): what users write.
        Entry(name: "tf-tutorial",
              description: "TensorFlow's convnet tutorial: Conv2D 32 5×5 'same' ReLU → MaxPool → Conv2D 64 5×5 'same' ReLU → MaxPool → Flatten → Dense 1024 ReLU → Dropout 0.4 → Dense softmax",
              make: { classes in
                  [Conv2D(filters: 32, kernelSize: (5, 5), padding: .same, activation: .relu), MaxPool2D(),
                   Conv2D(filters: 64, kernelSize: (5, 5), padding: .same, activation: .relu), MaxPool2D(),
                   Flatten(), Dense(units: 1024, activation: .relu), Dropout(rate: 0.4),
                   Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "mlp-256-128",
              description: "Flatten → Dense 256 ReLU → Dense 128 ReLU → Dense softmax (the classic 784-256-128-10 MLP)",
              make: { classes in
                  [Flatten(), Dense(units: 256, activation: .relu), Dense(units: 128, activation: .relu),
                   Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "stride2",
              description: "Conv2D 32 3×3 stride 2 'same' ReLU → Conv2D 64 3×3 stride 2 'same' ReLU → Flatten → Dense softmax (downsampling by strides, no pooling)",
              make: { classes in
                  [Conv2D(filters: 32, strides: (2, 2), padding: .same, activation: .relu),
                   Conv2D(filters: 64, strides: (2, 2), padding: .same, activation: .relu),
                   Flatten(), Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "lenet5",
              description: "LeNet-5 style: Conv2D 6 5×5 valid ReLU → AvgPool 2×2 → Conv2D 16 5×5 valid ReLU → AvgPool 2×2 → Flatten → Dense 120 ReLU → Dense 84 ReLU → Dense softmax",
              make: { classes in
                  [Conv2D(filters: 6, kernelSize: (5, 5), activation: .relu), AvgPool2D(),
                   Conv2D(filters: 16, kernelSize: (5, 5), activation: .relu), AvgPool2D(),
                   Flatten(), Dense(units: 120, activation: .relu), Dense(units: 84, activation: .relu),
                   Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "same3",
              description: "3× (Conv2D 3×3 'same' ReLU 32/64/128 → MaxPool 2×2) → Flatten → Dense 128 ReLU → Dense softmax (a VGG-style stack)",
              make: { classes in
                  [Conv2D(filters: 32, padding: .same, activation: .relu), MaxPool2D(),
                   Conv2D(filters: 64, padding: .same, activation: .relu), MaxPool2D(),
                   Conv2D(filters: 128, padding: .same, activation: .relu), MaxPool2D(),
                   Flatten(), Dense(units: 128, activation: .relu), Dense(units: classes, activation: .softmax)]
              }),
        Entry(name: "sensor-regressor",
              description: "004 §5.2's sensor regressor on tabular features: Dense 64 ReLU → Dense 32 ReLU → Dense linear (MSE; `classes` is the number of targets)",
              make: { outputs in
                  [Dense(units: 64, activation: .relu), Dense(units: 32, activation: .relu), Dense(units: outputs)]
              },
              task: .regression),
    ]

    /// The entry called `name`, or the error that lists the known names.
    public static func entry(_ name: String) throws(NNError) -> Entry {
        guard let entry = all.first(where: { $0.name == name }) else {
            throw .unknownModel(name: name, known: names)
        }
        return entry
    }

    /// The names of every known model.
    public static var names: [String] { all.map(\.name) }

    /// Builds the named model for samples of `inputShape` and `classes` outputs, with
    /// weights initialised from `seed`. Fails with the layer at fault if shapes do not fit.
    public static func make(_ name: String, inputShape: [Int], classes: Int, seed: UInt64) throws(NNError) -> Sequential {
        try Sequential(entry(name).make(classes)).build(inputShape: inputShape, seed: seed)
    }
}
