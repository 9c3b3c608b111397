import LeptonLab
import Foundation

/// Real data for `lepton report --demo`, computed from a data set without any neural
/// network library: softmax-regression classifiers (on raw pixels, pooled pixels and
/// random ReLU features) trained with plain loops, their measured inference latencies,
/// a greedy list schedule of inference requests on modelled edge and cloud devices,
/// and the resulting latency breakdown.
///
/// LEAD: when LeptonNN's CNN training is ready, replace `SoftmaxModel` training with
/// it; the report only needs the fields below.
struct ReportDemoInputs: Sendable {
    /// Metrics of one training epoch.
    struct Epoch: Sendable {
        var epoch: Int
        var trainLoss: Double
        var validationLoss: Double
        var trainAccuracy: Double
        var validationAccuracy: Double
    }

    /// A trained model size with its test accuracy and measured latency.
    struct ModelResult: Sendable {
        var name: String
        var parameters: Int
        var testAccuracy: Double
        /// Per-image inference latencies measured on this host, in microseconds.
        var latencies: [Double]
        var history: [Epoch]
        var medianLatency: Double { latencies.sorted()[latencies.count / 2] }
    }

    /// One scheduled task on a device or link, in milliseconds.
    struct ScheduledTask: Sendable {
        var name: String
        var device: String
        var kind: String
        var start: Double
        var end: Double
    }

    /// Mean per-request latency components of a placement, in milliseconds.
    struct Breakdown: Sendable {
        var configuration: String
        var components: [(name: String, milliseconds: Double)]
        var total: Double { components.reduce(0) { $0 + $1.milliseconds } }
    }

    /// End-to-end latency of one placement over a range of bandwidths.
    struct BandwidthCurve: Sendable {
        var configuration: String
        var bandwidths: [Double]
        var latencies: [Double]
    }

    var datasetName: String
    var seed: UInt64
    var trainCount: Int
    var testCount: Int
    var classNames: [String]
    var trainClassCounts: [Int]
    /// The main model (the largest random-feature model).
    var main: ModelResult
    /// All model sizes, smallest first.
    var models: [ModelResult]
    /// `confusion[true][predicted]` of the main model on the test set.
    var confusion: [[Int]]
    var recall: [Double]
    var precision: [Double]
    var schedule: [ScheduledTask]
    var makespan: Double
    var breakdowns: [Breakdown]
    var bandwidthCurves: [BandwidthCurve]
    var scheduleBandwidth: Double
}

extension ReportDemoInputs {
    /// A seeded SplitMix64 generator: the same seed gives the same numbers everywhere.
    struct Random: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A standard normal sample (Box–Muller).
        mutating func gaussian() -> Float {
            let u1 = max(Double.leastNormalMagnitude, Double.random(in: 0..<1, using: &self))
            let u2 = Double.random(in: 0..<1, using: &self)
            return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
        }
    }

    /// A feature map followed by multinomial logistic regression.
    ///
    /// Features: raw pixels, 2×2-pooled pixels, or random ReLU features
    /// `h = max(0, P·x + c)` with `P ~ N(0, 1/d)`; all standardised with training-set
    /// mean and deviation. Classifier: `p = softmax(W·h + b)`, trained by mini-batch SGD on
    /// the cross-entropy `−log p[y]` (gradient `(p − onehot(y))·hᵀ`).
    struct SoftmaxModel {
        enum FeatureMap {
            case pixels
            case pooled(side: Int)
            case random(width: Int, projection: [Float], bias: [Float])
        }

        let inputCount: Int
        let classCount: Int
        let featureMap: FeatureMap
        var mean: [Float] = []
        var deviation: [Float] = []
        var weights: [Float]
        var bias: [Float]

        var featureCount: Int {
            switch featureMap {
            case .pixels: return inputCount
            case let .pooled(side): return (side / 2) * (side / 2)
            case let .random(width, _, _): return width
            }
        }

        var parameterCount: Int {
            var count = weights.count + bias.count
            if case let .random(_, projection, offsets) = featureMap { count += projection.count + offsets.count }
            return count
        }

        init(inputCount: Int, classCount: Int, featureMap: FeatureMap) {
            self.inputCount = inputCount
            self.classCount = classCount
            self.featureMap = featureMap
            let features: Int
            switch featureMap {
            case .pixels: features = inputCount
            case let .pooled(side): features = (side / 2) * (side / 2)
            case let .random(width, _, _): features = width
            }
            weights = [Float](repeating: 0, count: features * classCount)
            bias = [Float](repeating: 0, count: classCount)
        }

        /// Raw features of one image (before standardisation).
        func rawFeatures(_ image: ArraySlice<Float>) -> [Float] {
            switch featureMap {
            case .pixels:
                return Array(image)
            case let .pooled(side):
                let half = side / 2
                var out = [Float](repeating: 0, count: half * half)
                let base = image.startIndex
                for row in 0..<half {
                    for column in 0..<half {
                        let top = base + 2 * row * side + 2 * column
                        out[row * half + column] = (image[top] + image[top + 1] + image[top + side] + image[top + side + 1]) / 4
                    }
                }
                return out
            case let .random(width, projection, offsets):
                var out = [Float](repeating: 0, count: width)
                let base = image.startIndex
                for unit in 0..<width {
                    var sum = offsets[unit]
                    let row = unit * inputCount
                    for input in 0..<inputCount { sum += projection[row + input] * image[base + input] }
                    out[unit] = max(0, sum)
                }
                return out
            }
        }

        func features(_ image: ArraySlice<Float>) -> [Float] {
            var values = rawFeatures(image)
            for index in values.indices { values[index] = (values[index] - mean[index]) / deviation[index] }
            return values
        }

        /// Class probabilities for standardised features.
        func probabilities(_ features: [Float]) -> [Float] {
            let count = features.count
            var logits = bias
            for cls in 0..<classCount {
                var sum: Float = 0
                let row = cls * count
                for index in 0..<count { sum += weights[row + index] * features[index] }
                logits[cls] += sum
            }
            let top = logits.max() ?? 0
            var total: Float = 0
            for cls in 0..<classCount {
                logits[cls] = exp(logits[cls] - top)
                total += logits[cls]
            }
            return logits.map { $0 / total }
        }

        func predict(_ image: ArraySlice<Float>) -> Int {
            let p = probabilities(features(image))
            return p.indices.max { p[$0] < p[$1] } ?? 0
        }

        mutating func standardise(on rows: [[Float]]) {
            let count = rows.first?.count ?? 0
            mean = [Float](repeating: 0, count: count)
            deviation = [Float](repeating: 0, count: count)
            for row in rows { for index in 0..<count { mean[index] += row[index] } }
            for index in 0..<count { mean[index] /= Float(max(1, rows.count)) }
            for row in rows {
                for index in 0..<count {
                    let d = row[index] - mean[index]
                    deviation[index] += d * d
                }
            }
            for index in 0..<count { deviation[index] = max(1e-3, (deviation[index] / Float(max(1, rows.count))).squareRoot()) }
        }

        /// Mean cross-entropy and accuracy over standardised feature rows.
        func evaluate(_ rows: [[Float]], _ labels: [Int]) -> (loss: Double, accuracy: Double) {
            var loss = 0.0
            var correct = 0
            for (row, label) in zip(rows, labels) {
                let p = probabilities(row)
                loss -= log(Double(max(p[label], 1e-12)))
                if (p.indices.max { p[$0] < p[$1] } ?? -1) == label { correct += 1 }
            }
            return (loss / Double(max(1, rows.count)), Double(correct) / Double(max(1, rows.count)))
        }

        /// One epoch of mini-batch SGD over shuffled rows.
        mutating func trainEpoch(_ rows: [[Float]], _ labels: [Int], learningRate: Float, batchSize: Int,
                                 using random: inout Random) {
            let order = Array(rows.indices).shuffled(using: &random)
            let count = featureCount
            var gradient = [Float](repeating: 0, count: weights.count)
            var biasGradient = [Float](repeating: 0, count: classCount)
            var start = 0
            while start < order.count {
                let batch = order[start..<min(order.count, start + batchSize)]
                for index in gradient.indices { gradient[index] = 0 }
                for index in biasGradient.indices { biasGradient[index] = 0 }
                for sample in batch {
                    let row = rows[sample]
                    var p = probabilities(row)
                    p[labels[sample]] -= 1
                    for cls in 0..<classCount {
                        let g = p[cls]
                        biasGradient[cls] += g
                        let offset = cls * count
                        for index in 0..<count { gradient[offset + index] += g * row[index] }
                    }
                }
                let step = learningRate / Float(batch.count)
                for index in weights.indices { weights[index] -= step * (gradient[index] + 1e-4 * weights[index]) }
                for cls in 0..<classCount { bias[cls] -= step * biasGradient[cls] }
                start += batchSize
            }
        }
    }

}

/// Trains the demo models on `train`, evaluates on `test`, measures latencies and
/// builds the schedule and breakdown. Deterministic for a seed, except the measured
/// latencies (and what depends on them), which are real timings of this host.
///
/// - Parameters: images are `count × side × side` floats in [0, 1]; labels in
///   `0..<classNames.count`.
func computeDemoInputs(datasetName: String, side: Int, trainImages: [Float], trainLabels: [Int],
                       testImages: [Float], testLabels: [Int], classNames: [String], seed: UInt64,
                       epochs: Int = 12) throws -> ReportDemoInputs {
    let inputs = side * side
    guard trainImages.count == trainLabels.count * inputs, testImages.count == testLabels.count * inputs,
          !trainLabels.isEmpty, !testLabels.isEmpty else {
        throw ReportDemoInputs.InputError.shape("images and labels disagree: \(trainImages.count) train values for \(trainLabels.count) labels, "
            + "\(testImages.count) test values for \(testLabels.count) labels, \(inputs) values per image")
    }
    var random = ReportDemoInputs.Random(seed: seed)
    func image(_ images: [Float], _ index: Int) -> ArraySlice<Float> { images[(index * inputs)..<((index + 1) * inputs)] }

    func randomMap(width: Int) -> ReportDemoInputs.SoftmaxModel.FeatureMap {
        let scale = 1 / Float(inputs).squareRoot() * 3
        let projection = (0..<(width * inputs)).map { _ in random.gaussian() * scale }
        let offsets = (0..<width).map { _ in random.gaussian() * 0.5 }
        return .random(width: width, projection: projection, bias: offsets)
    }
    let specs: [(String, ReportDemoInputs.SoftmaxModel.FeatureMap)] = [
        ("pooled 4×4", .pooled(side: side)),
        ("pixels 8×8", .pixels),
        ("random 128", randomMap(width: 128)),
        ("random 512", randomMap(width: 512)),
        ("random 1024", randomMap(width: 1024)),
    ]
    var models: [ReportDemoInputs.ModelResult] = []
    var trained: [ReportDemoInputs.SoftmaxModel] = []
    for (name, map) in specs {
        var model = ReportDemoInputs.SoftmaxModel(inputCount: inputs, classCount: classNames.count, featureMap: map)
        let trainRaw = (0..<trainLabels.count).map { model.rawFeatures(image(trainImages, $0)) }
        model.standardise(on: trainRaw)
        let trainRows = (0..<trainLabels.count).map { model.features(image(trainImages, $0)) }
        let testRows = (0..<testLabels.count).map { model.features(image(testImages, $0)) }
        var history: [ReportDemoInputs.Epoch] = []
        for epoch in 1...epochs {
            let rate: Float = 0.1 / (1 + 0.15 * Float(epoch - 1))
            model.trainEpoch(trainRows, trainLabels, learningRate: rate, batchSize: 32, using: &random)
            let train = model.evaluate(trainRows, trainLabels)
            let test = model.evaluate(testRows, testLabels)
            history.append(.init(epoch: epoch, trainLoss: train.loss, validationLoss: test.loss,
                                 trainAccuracy: train.accuracy, validationAccuracy: test.accuracy))
        }
        // Latency: one image at a time, features through prediction, measured on this host.
        let clock = ContinuousClock()
        var latencies: [Double] = []
        var sink = 0
        for index in 0..<min(300, testLabels.count) {
            let start = clock.now
            sink &+= model.predict(image(testImages, index))
            let elapsed = clock.now - start
            latencies.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        if sink < 0 { latencies.append(0) }
        models.append(.init(name: name, parameters: model.parameterCount, testAccuracy: history.last?.validationAccuracy ?? 0,
                            latencies: latencies, history: history))
        trained.append(model)
    }
    guard let main = models.last, let mainModel = trained.last else {
        throw ReportDemoInputs.InputError.shape("no model was trained")
    }

    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classNames.count), count: classNames.count)
    for index in testLabels.indices {
        confusion[testLabels[index]][mainModel.predict(image(testImages, index))] += 1
    }
    let recall = confusion.indices.map { Double(confusion[$0][$0]) / Double(max(1, confusion[$0].reduce(0, +))) }
    let precision = confusion.indices.map { column in
        Double(confusion[column][column]) / Double(max(1, confusion.reduce(0) { $0 + $1[column] }))
    }
    var trainClassCounts = [Int](repeating: 0, count: classNames.count)
    for label in trainLabels { trainClassCounts[label] += 1 }

    // ReportDemoInputs.Schedule: requests of 256 images; compute times are this host's measured medians,
    // scaled by modelled device speeds; transfers cost pack + wire + unpack.
    let plan = ReportDemoInputs.Schedule(featureMicroseconds: models[3].medianLatency, classifyMicroseconds: models[0].medianLatency,
                            inputValues: inputs, featureValues: 512)
    let bandwidth = 20.0
    let greedy = plan.run(policy: .greedy, bandwidthMbps: bandwidth)
    let breakdowns = [ReportDemoInputs.Schedule.Policy.edgeOnly, .split, .cloudOnly, .greedy].map { policy in
        ReportDemoInputs.Breakdown(configuration: policy.rawValue, components: plan.run(policy: policy, bandwidthMbps: bandwidth).meanComponents)
    }
    let bandwidths = (0...12).map { pow(10, -0.5 + Double($0) * 0.25) }
    let curves = [ReportDemoInputs.Schedule.Policy.edgeOnly, .split, .cloudOnly].map { policy in
        ReportDemoInputs.BandwidthCurve(configuration: policy.rawValue, bandwidths: bandwidths,
                                        latencies: bandwidths.map { plan.singleRequestLatency(policy: policy, bandwidthMbps: $0) })
    }

    return ReportDemoInputs(datasetName: datasetName, seed: seed, trainCount: trainLabels.count, testCount: testLabels.count,
                            classNames: classNames, trainClassCounts: trainClassCounts, main: main, models: models,
                            confusion: confusion, recall: recall, precision: precision, schedule: greedy.tasks,
                            makespan: greedy.tasks.map(\.end).max() ?? 0, breakdowns: breakdowns, bandwidthCurves: curves,
                            scheduleBandwidth: bandwidth)
}

extension ReportDemoInputs {
    /// Why demo inputs could not be computed.
    enum InputError: Error, CustomStringConvertible {
        case shape(String)

        var description: String {
            switch self {
            case let .shape(detail): return "Demo data has the wrong shape: \(detail)."
            }
        }
    }

    /// A greedy list schedule of inference requests on an edge device, a link and a cloud
    /// server. Each request (a batch of `batch` images) needs a feature stage and a
    /// classifier stage; a stage on the cloud first needs its input sent over the link.
    struct Schedule {
        enum Policy: String, CaseIterable {
            case edgeOnly = "edge only"
            case split = "split: features on edge"
            case cloudOnly = "cloud only"
            case greedy = "greedy (earliest finish)"
        }

        struct Outcome {
            var tasks: [ReportDemoInputs.ScheduledTask] = []
            var components: [[String: Double]] = []

            var meanComponents: [(name: String, milliseconds: Double)] {
                Schedule.componentNames.map { name in
                    (name, components.map { $0[name] ?? 0 }.reduce(0, +) / Double(max(1, components.count)))
                }
            }
        }

        static let componentNames = ["queue", "compute (edge)", "compute (cloud)", "pack", "wire", "unpack"]

        let featureMicroseconds: Double
        let classifyMicroseconds: Double
        let inputValues: Int
        let featureValues: Int
        let batch = 256
        let requests = 8
        let arrivalGapMilliseconds = 18.0
        /// Modelled speed relative to this host: the edge device is 4× slower, the cloud 2× faster.
        let edgeSlowdown = 4.0
        let cloudSlowdown = 0.5
        let roundTripMilliseconds = 10.0

        /// Time to pack `values` floats into little-endian bytes and back, measured (ms).
        func packUnpack(values: Int) -> (pack: Double, unpack: Double) {
            let clock = ContinuousClock()
            let source = (0..<values).map { Float($0 % 97) / 97 }
            var bestPack = Double.infinity
            var bestUnpack = Double.infinity
            for _ in 0..<5 {
                var start = clock.now
                var bytes = [UInt8](repeating: 0, count: values * 4)
                for (index, value) in source.enumerated() {
                    let bits = value.bitPattern.littleEndian
                    bytes[4 * index] = UInt8(truncatingIfNeeded: bits)
                    bytes[4 * index + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                    bytes[4 * index + 2] = UInt8(truncatingIfNeeded: bits >> 16)
                    bytes[4 * index + 3] = UInt8(truncatingIfNeeded: bits >> 24)
                }
                bestPack = min(bestPack, milliseconds(clock.now - start))
                start = clock.now
                var restored = [Float](repeating: 0, count: values)
                for index in 0..<values {
                    let bits = UInt32(bytes[4 * index]) | UInt32(bytes[4 * index + 1]) << 8
                        | UInt32(bytes[4 * index + 2]) << 16 | UInt32(bytes[4 * index + 3]) << 24
                    restored[index] = Float(bitPattern: bits)
                }
                bestUnpack = min(bestUnpack, milliseconds(clock.now - start))
                if restored.first == -1 { bestUnpack += 0 }
            }
            return (bestPack, bestUnpack)
        }

        private func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }

        private func wire(values: Int, bandwidthMbps: Double) -> Double {
            Double(values * 4 * 8) / (bandwidthMbps * 1000) + roundTripMilliseconds / 2
        }

        /// Latency of one request alone (no queueing) under a fixed placement.
        func singleRequestLatency(policy: Policy, bandwidthMbps: Double) -> Double {
            let features = featureMicroseconds * Double(batch) / 1000
            let classify = classifyMicroseconds * Double(batch) / 1000
            switch policy {
            case .edgeOnly, .greedy:
                return (features + classify) * edgeSlowdown
            case .split:
                let transfer = packUnpack(values: featureValues * batch)
                return features * edgeSlowdown + transfer.pack + wire(values: featureValues * batch, bandwidthMbps: bandwidthMbps)
                    + transfer.unpack + classify * cloudSlowdown
            case .cloudOnly:
                let transfer = packUnpack(values: inputValues * batch)
                return transfer.pack + wire(values: inputValues * batch, bandwidthMbps: bandwidthMbps) + transfer.unpack
                    + (features + classify) * cloudSlowdown
            }
        }

        /// Schedules all requests; `greedy` picks, per stage, the placement that finishes first.
        func run(policy: Policy, bandwidthMbps: Double) -> Outcome {
            let features = featureMicroseconds * Double(batch) / 1000
            let classify = classifyMicroseconds * Double(batch) / 1000
            let rawTransfer = packUnpack(values: inputValues * batch)
            let featureTransfer = packUnpack(values: featureValues * batch)
            var free = ["edge": 0.0, "link": 0.0, "cloud": 0.0]
            var outcome = Outcome()
            for request in 0..<requests {
                let arrival = Double(request) * arrivalGapMilliseconds
                var parts: [String: Double] = [:]
                var tasks: [ReportDemoInputs.ScheduledTask] = []
                var clock = free
                var ready = arrival
                var location = "edge"
                var firstStart: Double?
                for (stage, cost, values, transfer) in [("features", features, inputValues, rawTransfer),
                                                       ("classify", classify, featureValues, featureTransfer)] {
                    let device: String
                    switch policy {
                    case .edgeOnly: device = "edge"
                    case .cloudOnly: device = "cloud"
                    case .split: device = stage == "features" ? "edge" : "cloud"
                    case .greedy:
                        let edgeFinish = max(ready, clock["edge", default: 0]) + cost * edgeSlowdown
                        var cloudReady = ready
                        if location == "edge" {
                            cloudReady = max(ready, clock["link", default: 0]) + transfer.pack
                                + wire(values: values * batch, bandwidthMbps: bandwidthMbps) + transfer.unpack
                        }
                        let cloudFinish = max(cloudReady, clock["cloud", default: 0]) + cost * cloudSlowdown
                        device = location == "cloud" || cloudFinish < edgeFinish ? "cloud" : "edge"
                    }
                    if device == "cloud", location == "edge" {
                        let start = max(ready, clock["link", default: 0])
                        let wireTime = wire(values: values * batch, bandwidthMbps: bandwidthMbps)
                        let end = start + transfer.pack + wireTime + transfer.unpack
                        tasks.append(.init(name: "send r\(request)", device: "link", kind: "transfer", start: start, end: end))
                        parts["queue", default: 0] += start - ready
                        parts["pack", default: 0] += transfer.pack
                        parts["wire", default: 0] += wireTime
                        parts["unpack", default: 0] += transfer.unpack
                        clock["link"] = end
                        ready = end
                        location = "cloud"
                        firstStart = firstStart ?? start
                    }
                    let duration = cost * (device == "edge" ? edgeSlowdown : cloudSlowdown)
                    let start = max(ready, clock[device, default: 0])
                    parts["queue", default: 0] += start - ready
                    parts[device == "edge" ? "compute (edge)" : "compute (cloud)", default: 0] += duration
                    tasks.append(.init(name: "\(stage) r\(request)", device: device, kind: stage, start: start, end: start + duration))
                    clock[device] = start + duration
                    ready = start + duration
                    firstStart = firstStart ?? start
                }
                free = clock
                outcome.tasks += tasks
                outcome.components.append(parts)
            }
            return outcome
        }
    }
}
