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
    /// The header length field leaves a data section of `dataBytes` while the tensors cover
    /// `coveredBytes`; `fittingHeaderLength` is the length that would make the file consistent, if any.
    case weightFileSizeMismatch(path: String, headerLength: Int, dataBytes: Int, coveredBytes: Int, fittingHeaderLength: Int?)
    /// Bytes `[begin, end)` of the data section belong to no tensor (the next tensor is `before`).
    case weightFileGap(path: String, begin: Int, end: Int, before: String)
    /// Two tensors' data ranges overlap.
    case weightFileOverlap(path: String, first: String, firstRange: [Int], second: String, secondRange: [Int])
    /// A tensor's byte range does not match its shape and dtype.
    case weightFileTensorSize(path: String, name: String, dtype: String, shape: [Int], expectedBytes: Int, foundBytes: Int)
    /// A weight file lacks a tensor the model needs.
    case missingTensor(path: String, name: String)
    /// A tensor in a weight file has another shape or type than the model's.
    case tensorMismatch(path: String, name: String, expected: String, found: String)
    /// A saved model's `__metadata__` lacks a key (found nil) or holds an unusable value.
    case savedModelMetadata(path: String, key: String, found: String?)
    /// A model file (ONNX) cannot be read or converted.
    case modelFileFormat(path: String, reason: String)
    /// An ONNX node uses an operator Lepton's layers do not cover.
    case unsupportedOperator(path: String, node: String, opType: String)
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
        case let .weightFileSizeMismatch(path, headerLength, dataBytes, coveredBytes, fitting):
            var text = "\(path): not a valid safetensors file: the header length field says \(headerLength) bytes, "
                + "which leaves a data section of \(dataBytes) bytes, but the tensors' data_offsets cover \(coveredBytes) bytes"
            if let fitting {
                text += "; a header length of \(fitting) would fit exactly, so the length field is off by \(headerLength - fitting)"
                    + " — rewrite the file with a correct writer"
            } else if dataBytes > coveredBytes {
                text += "; \(dataBytes - coveredBytes) trailing bytes belong to no tensor — remove them or rewrite the file"
            } else {
                text += "; the file is truncated — copy or download it again"
            }
            return text
        case let .weightFileGap(path, begin, end, before):
            return "\(path): not a valid safetensors file: data bytes \(begin)..<\(end) belong to no tensor "
                + "(a gap before '\(before)'); the tensors' data_offsets must cover the data section without gaps"
        case let .weightFileOverlap(path, first, firstRange, second, secondRange):
            return "\(path): not a valid safetensors file: tensor '\(second)' at \(secondRange) overlaps '\(first)' at \(firstRange); "
                + "each data byte must belong to exactly one tensor"
        case let .weightFileTensorSize(path, name, dtype, shape, expectedBytes, foundBytes):
            return "\(path): not a valid safetensors file: tensor '\(name)' (\(dtype) \(shape)) needs \(expectedBytes) bytes "
                + "but its data_offsets span \(foundBytes)"
        case let .missingTensor(path, name):
            return "\(path): has no tensor '\(name)'; was it saved from the same architecture?"
        case let .tensorMismatch(path, name, expected, found):
            return "\(path): tensor '\(name)' is \(found) but the model needs \(expected); was it saved from the same architecture?"
        case let .savedModelMetadata(path, key, found):
            if let found {
                return "\(path): __metadata__ '\(key)' is '\(found)', which cannot be used; save the model again with `lepton train --save`"
            }
            return "\(path): __metadata__ has no '\(key)', so the architecture cannot be rebuilt; "
                + "use a file written by `lepton train --save` (it records model and input_shape)"
        case let .modelFileFormat(path, reason):
            return "\(path): cannot import the model: \(reason)"
        case let .unsupportedOperator(path, node, opType):
            return "\(path): node '\(node)' uses operator \(opType), which Lepton cannot import; supported: Conv, MaxPool, AveragePool, "
                + "Relu, Sigmoid, Tanh, Softmax, Flatten, Reshape (to 2-D), Gemm, MatMul + Add, Dropout, Identity"
        case let .emptyData(what):
            return "\(what) is empty; give at least one sample"
        }
    }
}
