import ArgumentParser
import Foundation
import LeptonLab

/// `lepton new lab3.swift`: writes a commented starting lab file (run it with `lepton run
/// lab3.swift`); `lepton new NAME`: scaffolds Experiments/<Name>.swift in a Lepton checkout
/// and registers it in the catalogue.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a starting lab file (NAME.swift), or add an experiment to a Lepton checkout (NAME).",
        discussion: """
            lepton new lab3.swift       writes lab3.swift here; then: lepton run lab3.swift --profile quick
            lepton new lab4.swift --example sweep    a sweep, a bar chart and three seeds
            lepton new lab-3            creates Experiments/Lab3.swift in the checkout and registers it
            """)

    @Argument(help: "A lab file to write (ending in .swift), or an experiment id: lower-case letters, digits and '-', starting with a letter.")
    var name: String
    @Option(help: "The Experiments folder (default: the package's).") var directory: String?
    @Option(help: "For a lab file: which example to start from (train, sweep). Each starts with the lab-facing API reference.")
    var example = "train"

    private var isLabFile: Bool { name.hasSuffix(".swift") }

    /// The experiment id a lab file gets from its file name ("lab3.swift" → "lab3").
    private var labID: String {
        let base = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent.lowercased()
        return String(base.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    func validate() throws {
        if isLabFile {
            guard let first = labID.first, first.isLetter else {
                throw ValidationError("'\(name)': a lab file's name must start with a letter (e.g. lab3.swift)")
            }
            guard !FileManager.default.fileExists(atPath: name) else { throw ValidationError("\(name) already exists; not overwriting it") }
            guard LabExamples.names[example] != nil else {
                throw ValidationError("--example \(example): no such example; choose one of: "
                    + LabExamples.names.keys.sorted().map { "\($0) (\(LabExamples.names[$0] ?? ""))" }.joined(separator: "; "))
            }
            return
        }
        guard let first = name.first, first.isLetter, first.isLowercase,
              name.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }) else {
            throw ValidationError("'\(name)' is not a valid experiment id: use lower-case letters, digits and '-', starting with a letter (e.g. lab-3)")
        }
        guard !LeptonCLI.experiments.contains(where: { $0.id == name }) else {
            throw ValidationError("an experiment called '\(name)' already exists")
        }
    }

    func run() throws {
        if isLabFile {
            let parts = labID.split(separator: "-").map(String.init)
            let variable = (parts.first ?? labID) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            let text = "// A Lepton lab: run it with `lepton run \(URL(fileURLWithPath: name).lastPathComponent) --profile quick`.\n"
                + "// Edit anything (cells, helpers, types) and run again: changed code reruns, the rest comes from the cache.\n"
                + "// Then: lepton runs \(URL(fileURLWithPath: name).lastPathComponent), lepton compare RUN1 RUN2, lepton trend \(URL(fileURLWithPath: name).lastPathComponent).\n//\n"
                + LabExamples.reference + "\n\n"
                + (example == "sweep" ? LabExamples.sweep(id: labID, variable: variable) : NewCommand.template(id: labID, variable: variable))
            try Data(text.utf8).write(to: URL(fileURLWithPath: name), options: .withoutOverwriting)
            print("wrote \(name); next: lepton run \(name) --profile quick")
            return
        }
        let folder = directory.map { URL(fileURLWithPath: $0) }
            ?? LeptonVersion.packageRoot?.appendingPathComponent("Experiments")
            ?? URL(fileURLWithPath: "Experiments")
        let catalogue = folder.appendingPathComponent("Catalogue.swift")
        guard var text = try? String(contentsOf: catalogue, encoding: .utf8) else {
            throw ValidationError("\(catalogue.path) not found; run this in a Lepton checkout or pass --directory")
        }
        let parts = name.split(separator: "-").map(String.init)
        let typeName = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let variable = (parts.first ?? name) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let file = folder.appendingPathComponent("\(typeName).swift")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw ValidationError("\(file.path) already exists")
        }
        guard let close = text.range(of: "\n    ]", options: .backwards) else {
            throw ValidationError("\(catalogue.path): cannot find the end of the experiments list ('    ]')")
        }
        text.insert(contentsOf: "\n        \(variable),", at: close.lowerBound)
        let source = NewCommand.template(id: name, variable: variable)
        try Data(source.utf8).write(to: file, options: .atomic)
        try Data(text.utf8).write(to: catalogue, options: .atomic)
        print("created \(file.path) and added `\(variable)` to \(catalogue.path)")
        print("next: swift build -c release && .build/release/lepton run \(name) --profile quick")
    }

    /// A commented starting experiment: data, model, a training cell, a chart and a claim.
    static func template(id: String, variable: String) -> String {
        """
        import LeptonCharts
        import LeptonLab
        import LeptonNN

        // Parameters and metrics are declared once; the declaration is the key a cell reads
        // or records them with, so a typo is a compile error. On the command line:
        //   --set epochs=5   --profile quick
        private let epochs = Parameter("epochs", default: 10, range: 1...200, unit: "epochs")
        private let learningRate = Parameter("learning-rate", default: 0.001, range: 0.000001...1.0, help: "Adam's step size")
        private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)

        /// \(id): describe what this experiment asks.
        let \(variable) = Experiment(
            "\(id)",
            title: "\(id)",
            summary: "What question does this experiment answer, and why?"
        ) {
            epochs
            learningRate
            Profile("quick", epochs(3), help: "seconds, for a first look")

            Markdown("Explain the setup here: data, model, what you expect.")

            // A cell reruns only when its code or something it read (parameters, the seed,
            // data checksums, earlier cells' artifacts) changed; otherwise it comes from the cache.
            Cell("train") { ctx in
                let data = try ctx.dataset("digits")                  // 8×8 handwritten digits, embedded
                let model = try ModelZoo.make("seed-cnn", inputShape: data.train.imageShape,
                                              classes: data.train.classCount, seed: ctx.derivedSeed("init"))
                let trainer = Trainer(model: model, loss: .categoricalCrossEntropy,
                                      optimizer: Adam(learningRate: Float(try ctx[learningRate])))
                let history = try trainer.fit(Samples(data.train), configuration: TrainingConfiguration(
                    epochs: try ctx[epochs], batchSize: 64, seed: ctx.derivedSeed("fit")))
                ctx.checkTraining(history)                             // flags a diverged run in the report
                ctx.record(testAccuracy, model.evaluate(Samples(data.test), loss: .categoricalCrossEntropy).accuracy ?? .nan)
                try ctx.chart(.line(LineChart(
                    title: "Training loss",
                    series: [LineSeries("loss", x: history.epochs.map { Double($0.epoch) }, y: history.epochs.map(\\.trainLoss))],
                    xAxis: Axis("Epoch"), yAxis: Axis("Loss"))), caption: "Loss per epoch")
            }

            // The expected answer: reproduced when the computed value lies in the range. `claimed` is
            // what the source says; `provenance` what kind of evidence the value is (docs/RESULTS.md).
            Claim(testAccuracy, expected: 0.9, interval: 0.85...1.0, source: "the lab's expected answer",
                  claimed: "at least 0.85", provenance: .measured("the CNN trained on the digits"),
                  statement: "the CNN reaches at least 0.85 test accuracy on the digits")
        }

        """
    }
}
