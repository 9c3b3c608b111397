/// Everything that can go wrong when building, training, saving or loading a model.
/// Each message names the layer, tensor or file at fault, expected vs found, and what to do.
public enum NNError: Error, Equatable, Sendable {
    /// A layer cannot accept the shape that reaches it.
    case layerShape(index: Int, layer: String, input: [Int], problem: String, hint: String)
    /// The data's per-sample shape differs from the model's input shape.
    case inputShape(expected: [Int], found: [Int], source: String)
    /// The model's output width differs from the number of classes or target width.
    case outputWidth(layer: String, expected: Int, found: Int)
    /// A label lies outside 0..<classes.
    case labelOutOfRange(index: Int, label: Int32, classes: Int)
    /// A hyper-parameter or configuration value is not allowed.
    case invalidValue(name: String, value: String, allowed: String)
    /// A model name that the zoo does not know.
    case unknownModel(name: String, known: [String])
    /// A weight file could not be read or written.
    case weightFileIO(path: String, reason: String)
    /// A weight file is not valid safetensors.
    case weightFileFormat(path: String, reason: String)
    /// A weight file lacks a tensor the model needs.
    case missingTensor(path: String, name: String)
    /// A tensor in a weight file has another shape or type than the model's.
    case tensorMismatch(path: String, name: String, expected: String, found: String)
    /// There is nothing to train on or evaluate.
    case emptyData(what: String)
}

extension NNError: CustomStringConvertible {
    /// A message that says what failed, where, and what to do.
    public var description: String {
        func dims(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
        switch self {
        case let .layerShape(index, layer, input, problem, hint):
            return "layer \(index) '\(layer)': input \(dims(input)) does not fit: \(problem). \(hint)"
        case let .inputShape(expected, found, source):
            return "\(source): samples are \(dims(found)) but the model expects \(dims(expected)); "
                + "choose a model built for this input or a data set with \(dims(expected)) samples"
        case let .outputWidth(layer, expected, found):
            return "output layer '\(layer)' produces \(found) values per sample but the data has \(expected) classes or targets; "
                + "set the last layer's units to \(expected)"
        case let .labelOutOfRange(index, label, classes):
            return "label \(label) of sample \(index) is outside 0..<\(classes); check the label file"
        case let .invalidValue(name, value, allowed):
            return "\(name) = \(value) is not allowed; expected \(allowed)"
        case let .unknownModel(name, known):
            return "unknown model '\(name)'; known models: \(known.joined(separator: ", "))"
        case let .weightFileIO(path, reason):
            return "\(path): \(reason)"
        case let .weightFileFormat(path, reason):
            return "\(path): not a valid safetensors file: \(reason)"
        case let .missingTensor(path, name):
            return "\(path): has no tensor '\(name)'; was it saved from the same architecture?"
        case let .tensorMismatch(path, name, expected, found):
            return "\(path): tensor '\(name)' is \(found) but the model needs \(expected); was it saved from the same architecture?"
        case let .emptyData(what):
            return "\(what) is empty; give at least one sample"
        }
    }
}
