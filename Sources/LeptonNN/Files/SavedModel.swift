import Foundation
import LeptonTensor

/// A model saved by `lepton train --save` (or `Safetensors.save`), rebuilt from its file,
/// or imported from an ONNX file.
///
/// The safetensors header's `__metadata__` names the zoo model (`model`) and the input
/// shape (`input_shape`); the class count is the width of the last parameter (the output
/// layer's bias). The architecture is rebuilt from the zoo and every weight is loaded,
/// with shapes and dtypes checked (F16 and BF16 weights are widened to F32).
public struct SavedModel {
    /// The rebuilt model with the file's weights.
    public let model: Sequential
    /// The zoo name from the metadata.
    public let name: String
    /// The number of output classes.
    public let classes: Int
    /// The whole `__metadata__` (for example `dataset`, `seed`, `class_names`).
    public let metadata: [String: String]

    /// Reads `url` and rebuilds its model; errors name the file and the missing or bad field.
    /// A `.onnx` file is imported with `ONNXImport` (its metadata is then empty).
    public init(contentsOf url: URL) throws(NNError) {
        if url.pathExtension.lowercased() == "onnx" {
            model = try ONNXImport.load(url)
            name = "onnx:" + url.lastPathComponent
            classes = model.outputShape.reduce(1, *)
            metadata = [:]
            return
        }
        let file = try Safetensors.readFile(url)
        let path = url.path
        guard let name = file.metadata["model"] else {
            throw .savedModelMetadata(path: path, key: "model", found: nil)
        }
        guard let shapeText = file.metadata["input_shape"] else {
            throw .savedModelMetadata(path: path, key: "input_shape", found: nil)
        }
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !shape.isEmpty, shape.count == shapeText.split(separator: ",").count, shape.allSatisfy({ $0 > 0 }) else {
            throw .savedModelMetadata(path: path, key: "input_shape", found: shapeText)
        }
        let probe = try ModelZoo.make(name, inputShape: shape, classes: 2, seed: 1)
        guard let last = probe.parameters.last, let stored = file.tensors[last.name], let classes = stored.shape.last else {
            throw .missingTensor(path: path, name: probe.parameters.last?.name ?? "output bias")
        }
        let model = try ModelZoo.make(name, inputShape: shape, classes: classes, seed: 1)
        for p in model.parameters {
            guard let t = file.tensors[p.name] else { throw .missingTensor(path: path, name: p.name) }
            guard Safetensors.widenedDTypes.contains(t.dtype), t.shape == p.shape, t.values.count == p.count else {
                throw .tensorMismatch(path: path, name: p.name, expected: "F32 \(p.shape)", found: "\(t.dtype) \(t.shape)")
            }
            for i in 0..<p.count { p.value.pointer[i] = t.values[i] }
        }
        self.model = model
        self.name = name
        self.classes = classes
        self.metadata = file.metadata
    }

    /// Class names from the metadata (`class_names`, comma-separated), else "0", "1", ….
    public var classNames: [String] {
        let names = metadata["class_names"]?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        return names.count == classes ? names : (0..<classes).map(String.init)
    }

    /// The class probabilities of each sample in `features` (NHWC, `count` samples), inference mode.
    public func probabilities(_ features: [Float], count: Int) -> [[Float]] {
        let out = model.forward(Tensor(shape: [count] + model.inputShape, values: features), training: false)
        let width = out.count / max(count, 1)
        let values: [Float] = out.array
        var rows: [[Float]] = []
        for r in 0..<count { rows.append(Array(values[(r * width)..<((r + 1) * width)])) }
        return rows
    }
}
