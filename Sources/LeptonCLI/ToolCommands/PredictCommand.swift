import LeptonLab
import ArgumentParser
import Foundation
import LeptonCharts
import LeptonData
import LeptonNN
import LeptonTensor

/// `lepton predict`: a saved model's class for image files or for samples of a data set.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict classes with a model saved by `lepton train --save`.",
        discussion: """
            Give image files (PNG through libgd, or PGM P5/P2), grey-scale and of the model's \
            input size (28×28 for Fashion-MNIST models), light strokes on a dark background as \
            in MNIST (--invert for dark on light); or --dataset with --first N to predict the \
            first N samples of a split next to their labels.
            """)

    @Argument(help: "A safetensors file written by `lepton train --save`.")
    var modelFile: String
    @Argument(help: "Image files (PNG or PGM).")
    var images: [String] = []
    @Option(help: "Predict samples of this data set (name or IDX folder) instead of image files.")
    var dataset: String?
    @Option(help: "With --dataset: which split, test or train.")
    var split = "test"
    @Option(help: "With --dataset: how many samples from the start of the split.")
    var first = 10
    @Option(help: "Classes listed per sample, most probable first.")
    var top = 3
    @Flag(help: "Use 1 − value for every pixel (dark strokes on light paper).")
    var invert = false
    @Flag(help: "Print one JSON object on standard output.")
    var json = false

    func validate() throws {
        guard images.isEmpty != (dataset == nil) else {
            throw ValidationError("give either image files or --dataset (not both, not neither)")
        }
        guard ["test", "train"].contains(split) else { throw ValidationError("--split must be test or train, got '\(split)'") }
        guard first >= 1 else { throw ValidationError("--first must be at least 1, got \(first)") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
    }

    func run() throws {
        let saved = try SavedModel(contentsOf: URL(fileURLWithPath: modelFile))
        let names = saved.classNames
        var inputs: [(source: String, pixels: [Float], label: Int?)] = []
        if let dataset {
            let data = try loadDataset(dataset)
            let set = split == "test" ? data.test : data.train
            try EvaluateCommand.checkFits(saved, set)
            for i in 0..<min(first, set.count) {
                inputs.append(("\(set.name)[\(i)]", Array(set.image(at: i)), Int(set.labels[i])))
            }
        } else {
            for path in images { inputs.append((path, try Self.pixels(of: path, for: saved, invert: invert), nil)) }
        }
        let probabilities = saved.probabilities(inputs.flatMap(\.pixels), count: inputs.count)
        let predictions = zip(inputs, probabilities).map { input, p in
            let ranked = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }.prefix(top)
            return Prediction(source: input.source, predicted: ranked.first ?? 0, predictedName: names[ranked.first ?? 0],
                              label: input.label, top: ranked.map { RankedClass(index: $0, name: names[$0], probability: Double(p[$0])) })
        }
        if json {
            print(String(decoding: try LabJSON.encoder().encode(PredictResult(modelFile: modelFile, model: saved.name, predictions: predictions)),
                         as: UTF8.self))
        } else {
            for p in predictions { print(p.text) }
        }
    }

    /// The grey values of an image file, checked against the model's input shape.
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
struct RankedClass: Encodable {
    let index: Int
    let name: String
    let probability: Double
}

/// The prediction for one image or sample.
struct Prediction: Encodable {
    let source: String
    let predicted: Int
    let predictedName: String
    let label: Int?
    let top: [RankedClass]

    enum CodingKeys: String, CodingKey { case source, predicted, predictedName = "predicted_name", label, top }

    var text: String {
        var line = "\(source): \(predictedName)"
        if let first = top.first { line += String(format: " (p %.3f)", first.probability) }
        if top.count > 1 {
            line += "; then " + top.dropFirst().map { String(format: "%@ %.3f", $0.name, $0.probability) }.joined(separator: ", ")
        }
        if let label { line += label == predicted ? "  [label \(label): right]" : "  [label \(label): wrong]" }
        return line
    }
}

/// The outcome of `lepton predict --json`.
struct PredictResult: Encodable {
    let modelFile: String
    let model: String
    let predictions: [Prediction]

    enum CodingKeys: String, CodingKey { case modelFile = "model_file", model, predictions }
}
