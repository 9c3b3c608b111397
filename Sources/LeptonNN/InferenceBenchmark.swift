import Dispatch
import LeptonCore
import LeptonTensor

/// Latency and throughput of a trained model's inference, measured on real samples.
public struct InferenceBenchmark: Sendable, Codable {
    /// Median single-sample latency, milliseconds.
    public let batch1P50Milliseconds: Double
    /// 95th-percentile single-sample latency, milliseconds.
    public let batch1P95Milliseconds: Double
    /// Samples per second when predicting in batches: all timed samples over the whole
    /// pass's wall time (a pause of the host anywhere in the pass counts).
    public let batchedSamplesPerSecond: Double
    /// Samples per second of the median batch: the batch size over the median of the timed
    /// batches' wall times — the figure the model-shape suite compares, the same rule for
    /// every framework (scripts/suite_peers.py), so that a host's pause in one framework's
    /// pass does not decide a ratio.
    public let medianBatchSamplesPerSecond: Double
    /// The batch size used for the throughput figure.
    public let batchSize: Int
    /// How many single-sample calls were timed.
    public let samples: Int

    /// Single-sample latencies in milliseconds: `model`'s ``Predictor`` (made before the
    /// clock starts, as a runtime's session is) on the first `count` samples of `data`, one
    /// at a time, after `warmUp` untimed calls.
    public static func latencies(_ model: Sequential, on data: Samples, count: Int = 200, warmUp: Int = 20) -> [Double] {
        latencies(Predictor(model), on: data, count: count, warmUp: warmUp)
    }

    /// Single-sample latencies in milliseconds of `predictor` (see ``latencies(_:on:count:warmUp:)``).
    public static func latencies(_ predictor: Predictor, on data: Samples, count: Int = 200, warmUp: Int = 20) -> [Double] {
        let one = Tensor(zeros: [1] + data.sampleShape)
        var times: [Double] = []
        let n = Swift.min(count, data.count)
        guard n > 0 else { return [] }
        for i in 0..<(warmUp + n) {
            data.copyFeatures(CollectionOfOne(i % n), into: one.pointer)
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = predictor.predict(one)
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            if i >= warmUp { times.append(dt) }
        }
        return times
    }

    /// Times `model` on the first `count` samples of `data` one at a time (after `warmUp`
    /// untimed calls), then over all full batches of `batchSize` — passing over them again
    /// until at least `minimumBatchedSamples` are timed, so that a small test set (the sensor
    /// data's 366 days) is not timed over a handful of microsecond calls.
    public static func measure(_ model: Sequential, on data: Samples, count: Int = 1000, warmUp: Int = 50,
                               batchSize: Int = 64, minimumBatchedSamples: Int = 2048) -> InferenceBenchmark {
        let predictor = Predictor(model)
        var times = latencies(predictor, on: data, count: count, warmUp: warmUp)
        times.sort()
        func pct(_ q: Double) -> Double { times.isEmpty ? 0 : Statistics.percentile(times, q * 100) }
        // Batched throughput: each batch split in two halves, run at once on the model's
        // predictor and a replica sharing its weights and packed kernels (as training's
        // replicas share weights) — unless the batch is too little work (under 2²² FLOPs: the
        // sensor regressor's) to pay for handing half of it over.
        let batches = data.count / batchSize
        let models = [predictor, predictor.replica()]
        let parts = model.forwardFLOPs * batchSize >= 1 << 22 ? Trainer.halves(0..<batchSize) : [0..<batchSize]
        let inputs = parts.map { Tensor(zeros: [$0.count] + data.sampleShape) }
        var seconds = 0.0, batchSeconds: [Double] = []
        let timed = batches > 0 ? Swift.max(batches, (minimumBatchedSamples + batchSize - 1) / batchSize) : 0
        func run(_ b: Int) {
            BLAS.singleThreaded {
                ComputeThreads.concurrently(tasks: parts.count) { part in
                    let first = b * batchSize + parts[part].lowerBound
                    data.copyFeatures(first..<(first + parts[part].count), into: inputs[part].pointer)
                    _ = models[part].predict(inputs[part])
                }
            }
        }
        if batches > 0 {
            for b in 0..<Swift.min(batches, 10) { run(b) }          // warm-up
            batchSeconds.reserveCapacity(timed)
            let t0 = DispatchTime.now().uptimeNanoseconds
            var last = t0
            for i in 0..<timed {
                run(i % batches)
                let t = DispatchTime.now().uptimeNanoseconds
                batchSeconds.append(Double(t - last) / 1e9)
                last = t
            }
            seconds = Double(last - t0) / 1e9
        }
        let medianBatch = batchSeconds.isEmpty ? 0 : Statistics.median(batchSeconds)
        return InferenceBenchmark(batch1P50Milliseconds: pct(0.5), batch1P95Milliseconds: pct(0.95),
                                  batchedSamplesPerSecond: seconds > 0 ? Double(timed * batchSize) / seconds : 0,
                                  medianBatchSamplesPerSecond: medianBatch > 0 ? Double(batchSize) / medianBatch : 0,
                                  batchSize: batchSize, samples: times.count)
    }
}
