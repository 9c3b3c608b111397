import Dispatch
import LeptonCore
import LeptonNN
import LeptonTensor

/// Per-layer latency models fitted on the real compute core (Neurosurgeon-style).
///
/// ``profile(_:clock:batches:repeats:threads:preprocessing:encodings:seed:)`` runs every
/// layer of the given models at several batch sizes and records (kind, FLOPs, elements,
/// time); one ``LinearRegression`` per kind then predicts
///
///     t_ref = β0 + β1 · FLOPs + β2 · (input + output elements)
///
/// on the reference, and a tier's time is t_ref × the clock's tier scale: on the measured
/// clock the reference is the host (with `threads` threads) and the scale is
/// ``Clock/hostTimeScale(_:)``; on the modelled clock the reference is a speed-1
/// single-thread tier whose times are the modelled FLOPs ÷ rate, and the scale is
/// referenceRate ÷ jobRate(tier) (÷ int8Speedup for int8 layers). Packing and unpacking
/// are profiled per encoding the same way (kinds "pack:<encoding>", "unpack:<encoding>").
public struct LatencyModel: Sendable, Hashable, Codable {
    /// The clock whose times were fitted.
    public let clock: Clock
    /// Host threads used while profiling (measured clock).
    public let threads: Int
    /// One regression per kind, on features [1, FLOPs, elements].
    public let regressions: [String: LinearRegression]
    /// Everything that was profiled.
    public let observations: [LayerObservation]

    /// A model from observations (fits one regression per kind).
    public init(clock: Clock, threads: Int, observations: [LayerObservation]) {
        self.clock = clock
        self.threads = threads
        self.observations = observations
        var byKind: [String: [LayerObservation]] = [:]
        for o in observations { byKind[o.kind, default: []].append(o) }
        var fitted: [String: LinearRegression] = [:]
        for (kind, obs) in byKind {
            fitted[kind] = LinearRegression.fit(obs.map { Self.features(flops: $0.flops, elements: $0.elements) }, obs.map(\.seconds))
        }
        regressions = fitted
    }

    static func features(flops: Int, elements: Int) -> [Double] { [1, Double(flops), Double(elements)] }

    /// Profiles every layer of `models` (and packing/unpacking of every cut's tensor in each
    /// of `encodings`, and `preprocessing` on the first model's input) at each batch size.
    /// On the measured clock each is timed `repeats` times after one warm-up run and the
    /// median kept; on the modelled clock the modelled reference time is recorded.
    public static func profile(_ models: [Sequential], clock: Clock, batches: [Int] = [1, 2, 4, 8], repeats: Int = 5,
                               threads: Int = 1, preprocessing: (Preprocessor, rawShape: [Int])? = nil,
                               encodings: [TransferEncoding] = TransferEncoding.allCases, seed: UInt64 = 1) -> LatencyModel {
        var rng = SeededGenerator(seed: seed, stream: "latency-profile")
        var obs: [LayerObservation] = []
        let saved = ComputeThreads.count
        ComputeThreads.set(threads)
        defer { ComputeThreads.set(saved) }
        let reference = clock.referenceRate
        func time(_ body: () -> Void) -> Double {
            var t: [Double] = []
            body()
            for _ in 0..<Swift.max(1, repeats) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                body()
                t.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            return Statistics.median(t)
        }
        ComputeThreads.withFlushedDenormals {
            for model in models {
                for b in batches {
                    let x = Tensor(zeros: [b] + model.inputShape)
                    for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
                    var h = x
                    for (i, layer) in model.layers.enumerated() {
                        let input = h
                        let flops = layer.forwardFLOPs * b
                        let elements = b * (model.shape(afterLayers: i).reduce(1, *) + model.shape(afterLayers: i + 1).reduce(1, *))
                        let seconds: Double
                        if clock.kind == .modelled {
                            seconds = Double(flops) / reference.flopsPerSecond
                            h = layer.forward(input, training: false)
                        } else {
                            seconds = time { _ = layer.forward(input, training: false) }
                            h = layer.forward(input, training: false)
                        }
                        obs.append(LayerObservation(kind: layer.kind, flops: flops, elements: elements, batch: b, seconds: seconds))
                        // Profile the encodings on the tensor that crosses a cut here.
                        let cut = h.copy()
                        for enc in encodings {
                            obs += encodingObservations(enc, cut, clock: clock, batch: b, time: time)
                        }
                    }
                    for enc in encodings { obs += encodingObservations(enc, x, clock: clock, batch: b, time: time) }
                }
            }
            if let stage = preprocessing {
                let pre = stage.0, raw = stage.rawShape
                for b in batches {
                    let x = Tensor(zeros: [b] + raw)
                    for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
                    let flops = pre.flops(raw) * b
                    let elements = b * (raw.reduce(1, *) + pre.outputShape(raw).reduce(1, *))
                    let seconds = clock.kind == .modelled ? Double(flops) / reference.flopsPerSecond : time({ _ = pre.apply(x) })
                    obs.append(LayerObservation(kind: "preprocess", flops: flops, elements: elements, batch: b, seconds: seconds))
                }
            }
        }
        return LatencyModel(clock: clock, threads: threads, observations: obs)
    }

    private static func encodingObservations(_ enc: TransferEncoding, _ t: Tensor, clock: Clock, batch: Int,
                                             time: (() -> Void) -> Double) -> [LayerObservation] {
        let n = t.count
        let packSeconds: Double, unpackSeconds: Double
        if clock.kind == .modelled {
            packSeconds = Double(enc.packOperationsPerElement * n) / clock.referenceRate.flopsPerSecond
            unpackSeconds = Double(enc.unpackOperationsPerElement * n) / clock.referenceRate.flopsPerSecond
        } else {
            let bytes = enc.encode(t)
            packSeconds = time { _ = enc.encode(t) }
            unpackSeconds = time { _ = try? enc.decode(bytes) }
        }
        return [LayerObservation(kind: "pack:\(enc.rawValue)", flops: 0, elements: n, batch: batch, seconds: packSeconds),
                LayerObservation(kind: "unpack:\(enc.rawValue)", flops: 0, elements: n, batch: batch, seconds: unpackSeconds)]
    }

    /// The predicted reference time of an operation, seconds (≥ 0); nil for an unprofiled kind.
    public func referenceSeconds(kind: String, flops: Int, elements: Int) -> Double? {
        guard let r = regressions[kind] else { return nil }
        return Swift.max(0, r.predict(Self.features(flops: flops, elements: elements)))
    }

    /// The predicted time of an operation on `tier` (see the type's formula). Unprofiled
    /// kinds fall back to FLOPs ÷ the clock's reference rate.
    public func predict(kind: String, flops: Int, elements: Int, on tier: Tier, int8: Bool = false) -> SimDuration {
        let ref = referenceSeconds(kind: kind, flops: flops, elements: elements)
            ?? Double(flops) / clock.referenceRate.flopsPerSecond
        switch clock.kind {
        case .measured:
            return SimDuration(seconds: ref * clock.hostTimeScale(tier))
        case .modelled:
            let speedup = int8 ? tier.int8Speedup : 1
            return SimDuration(seconds: ref * clock.referenceRate.flopsPerSecond / (clock.jobRate(tier).flopsPerSecond * speedup))
        }
    }

    /// Predicted time of layer `i` of `model` at batch 1 on `tier`.
    public func predictLayer(_ model: Sequential, _ i: Int, on tier: Tier) -> SimDuration {
        let layer = model.layers[i]
        let elements = model.shape(afterLayers: i).reduce(1, *) + model.shape(afterLayers: i + 1).reduce(1, *)
        return predict(kind: layer.kind, flops: layer.forwardFLOPs, elements: elements, on: tier, int8: layer is QuantizedLayer)
    }
}
