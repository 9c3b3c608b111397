import Foundation
import LeptonCharts
import LeptonCore
import LeptonData
import LeptonNN

/// What `lepton predict` is asked: a saved model and either image files or the first
/// samples of a data set's split.
public struct PredictionRequest: Sendable {
    /// A safetensors file written by `lepton train --save`.
    public var modelFile: String
    /// Image files (PNG or PGM), when no data set is given.
    public var images: [String] = []
    /// A data set (``DatasetReference``) whose first samples to predict.
    public var dataset: String?
    /// "test" or "train".
    public var split = "test"
    /// How many samples of the split.
    public var first = 10
    /// Classes listed per sample, most probable first.
    public var top = 3
    /// Use 1 − value for every pixel (dark strokes on light paper).
    public var invert = false

    /// A request for `modelFile` with `lepton predict`'s defaults.
    public init(modelFile: String) {
        self.modelFile = modelFile
    }
}

/// `lepton predict` as a library call.
public enum ModelPrediction {
    /// The predictions for every image or sample of `request`.
    public static func run(_ request: PredictionRequest) throws -> PredictResult {
        let saved = try SavedModel(contentsOf: URL(fileURLWithPath: request.modelFile))
        let names = saved.classNames
        var inputs: [(source: String, pixels: [Float], label: Int?)] = []
        if let dataset = request.dataset {
            let data = try DatasetCatalogue.load(name: dataset)
            let set = request.split == "test" ? data.test : data.train
            try ModelEvaluation.checkFits(saved, set)
            for i in 0..<min(request.first, set.count) {
                inputs.append(("\(set.name)[\(i)]", Array(set.image(at: i)), Int(set.labels[i])))
            }
        } else {
            for path in request.images {
                inputs.append((path, try pixels(of: path, for: saved, invert: request.invert), nil))
            }
        }
        let probabilities = saved.probabilities(inputs.flatMap(\.pixels), count: inputs.count)
        let predictions = zip(inputs, probabilities).map { input, p in
            let ranked = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }.prefix(request.top)
            return Prediction(source: input.source, predicted: ranked.first ?? 0, predictedName: names[ranked.first ?? 0],
                              label: input.label, top: ranked.map { RankedClass(index: $0, name: names[$0], probability: Double(p[$0])) })
        }
        return PredictResult(modelFile: request.modelFile, model: saved.name, predictions: predictions)
    }

    /// The grey values of an image file (PGM, or PNG through libgd), checked against the model's input shape.
    static func pixels(of path: String, for saved: SavedModel, invert: Bool) throws -> [Float] {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError.fileMissing(path: url.path, remedy: "give the path of a PNG or PGM file")
        }
        let bytes = [UInt8](data)
        var image: GreyImage
        if GreyImage.isPGM(bytes) {
            image = try GreyImage.parsePGM(bytes, path: url.path)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            let canvas: Canvas
            do { canvas = try Canvas(png: bytes) } catch {
                throw DataError.malformedImage(path: url.path, problem: "libgd cannot decode it as PNG")
            }
            var grey: [Float] = []
            for y in 0..<canvas.pixelHeight {
                for x in 0..<canvas.pixelWidth {
                    let c = canvas.color(atPixelX: x, y: y) ?? RGBColor(red: 0, green: 0, blue: 0)
                    grey.append((0.299 * Float(c.red) + 0.587 * Float(c.green) + 0.114 * Float(c.blue)) / 255)
                }
            }
            image = GreyImage(width: canvas.pixelWidth, height: canvas.pixelHeight, pixels: grey)
        } else {
            throw DataError.malformedImage(path: url.path, problem: "neither a PNG nor a PGM signature")
        }
        if invert { image = image.inverted() }
        let shape = saved.model.inputShape
        guard shape == [image.height, image.width, 1] else {
            throw NNError.inputShape(expected: shape, found: [image.height, image.width, 1], source: url.path)
        }
        return image.pixels
    }
}

/// One class with its probability.
public struct RankedClass: Encodable, Sendable {
    public let index: Int
    public let name: String
    public let probability: Double
}

/// The prediction for one image or sample.
public struct Prediction: Encodable, Sendable {
    public let source: String
    public let predicted: Int
    public let predictedName: String
    public let label: Int?
    public let top: [RankedClass]

    enum CodingKeys: String, CodingKey { case source, predicted, predictedName = "predicted_name", label, top }

    /// "d.png: 7 (p 0.981); then 1 0.012, 9 0.004  [label 7: right]".
    public var text: String {
        var line = "\(source): \(predictedName)"
        if let first = top.first { line += " (p \(NumberFormat.fixed(first.probability, 3)))" }
        if top.count > 1 {
            line += "; then " + top.dropFirst().map { "\($0.name) \(NumberFormat.fixed($0.probability, 3))" }.joined(separator: ", ")
        }
        if let label { line += label == predicted ? "  [label \(label): right]" : "  [label \(label): wrong]" }
        return line
    }
}

/// The outcome of `lepton predict`.
public struct PredictResult: Encodable, Sendable {
    public let modelFile: String
    public let model: String
    public let predictions: [Prediction]

    enum CodingKeys: String, CodingKey { case modelFile = "model_file", model, predictions }

    /// One JSON object, by Lepton's JSON policy (``LabJSON``).
    public func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }
}
