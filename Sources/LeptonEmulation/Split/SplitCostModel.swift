import LeptonCore
import LeptonNN
import LeptonTensor

/// Predicted end-to-end latency of every cut of a model between one edge tier and one
/// cloud tier, from a ``LatencyModel`` (Neurosurgeon's per-layer prediction).
///
/// For a cut after k of L layers, on an idle system:
///
///     T(k) = pre + Σ_{i<k} e_i + [k < L] · (pack_k + L_link + round_ns(8·W(P_k)/B) + unpack_k
///            + Σ_{i≥k} c_i + L_link + round_ns(8·W(R)/B))
///
/// with e_i, c_i the predicted layer times on the edge and cloud tiers, P_k the encoded size
/// of the tensor crossing cut k (measured by really encoding a reference sample's
/// activation), R the result size and W(·) the link's wire bytes. Cuts whose prefix or
/// suffix does not fit its tier's memory are infeasible.
public struct SplitCostModel: Sendable, Hashable, Codable {
    /// The number of layers L.
    public let layers: Int
    /// Predicted edge time of each layer.
    public let edgeLayerTimes: [SimDuration]
    /// Predicted cloud time of each layer.
    public let cloudLayerTimes: [SimDuration]
    /// Predicted preprocessing time on the edge.
    public let preprocessTime: SimDuration
    /// Encoded payload for each cut k in 0…L (zero for k = L: nothing is sent).
    public let payloads: [ByteCount]
    /// Predicted packing time on the edge for each cut.
    public let packTimes: [SimDuration]
    /// Predicted unpacking time on the cloud for each cut.
    public let unpackTimes: [SimDuration]
    /// Whether each cut fits both tiers' memories.
    public let feasible: [Bool]
    /// The link crossed.
    public let link: Link
    /// Bytes of the result returned to the edge.
    public let resultBytes: ByteCount
    /// Whether requests are preprocessed on the edge.
    public let preprocesses: Bool

    /// A cost model from its parts (normally made by
    /// ``make(edgeModel:cloudModel:preprocessing:encoding:reference:edge:cloud:link:latency:resultBytes:)``).
    public init(layers: Int, edgeLayerTimes: [SimDuration], cloudLayerTimes: [SimDuration], preprocessTime: SimDuration,
                payloads: [ByteCount], packTimes: [SimDuration], unpackTimes: [SimDuration], feasible: [Bool],
                link: Link, resultBytes: ByteCount, preprocesses: Bool) {
        self.layers = layers
        self.edgeLayerTimes = edgeLayerTimes
        self.cloudLayerTimes = cloudLayerTimes
        self.preprocessTime = preprocessTime
        self.payloads = payloads
        self.packTimes = packTimes
        self.unpackTimes = unpackTimes
        self.feasible = feasible
        self.link = link
        self.resultBytes = resultBytes
        self.preprocesses = preprocesses
    }

    /// Builds the cost model: predicts every layer on both tiers, encodes the reference
    /// sample's tensor at every cut to measure its size, and checks memory for every cut.
    public static func make(edgeModel: Sequential, cloudModel: Sequential, preprocessing: Preprocessor?,
                            encoding: TransferEncoding, reference: Tensor, edge: Tier, cloud: Tier, link: Link,
                            latency: LatencyModel, resultBytes: ByteCount = .bytes(4)) -> SplitCostModel {
        let n = edgeModel.layers.count
        let edgeTimes = (0..<n).map { latency.predictLayer(edgeModel, $0, on: edge) }
        let cloudTimes = (0..<n).map { latency.predictLayer(cloudModel, $0, on: cloud) }
        var pre = SimDuration.zero
        var x = reference
        if let p = preprocessing, !p.steps.isEmpty {
            let raw = Array(reference.shape.dropFirst())
            pre = latency.predict(kind: "preprocess", flops: p.flops(raw), elements: raw.reduce(1, *) + p.outputShape(raw).reduce(1, *),
                                  on: edge)
            x = p.apply(reference)
        }
        var payloads: [ByteCount] = [], packs: [SimDuration] = [], unpacks: [SimDuration] = [], feasible: [Bool] = []
        var h = x.copy()
        for k in 0...n {
            if k > 0 { h = edgeModel.forward(h, layers: (k - 1)..<k).copy() }
            if k < n {
                let size = encoding.encodedSize(shape: h.shape) ?? .bytes(encoding.encode(h).count)
                payloads.append(size)
                packs.append(latency.predict(kind: "pack:\(encoding.rawValue)", flops: 0, elements: h.count, on: edge))
                unpacks.append(latency.predict(kind: "unpack:\(encoding.rawValue)", flops: 0, elements: h.count, on: cloud))
            } else {
                payloads.append(.zero)
                packs.append(.zero)
                unpacks.append(.zero)
            }
            let fits = (try? edge.place(edgeModel, layers: 0..<k)) != nil && (try? cloud.place(cloudModel, layers: k..<n)) != nil
            feasible.append(fits)
        }
        return SplitCostModel(layers: n, edgeLayerTimes: edgeTimes, cloudLayerTimes: cloudTimes, preprocessTime: pre,
                              payloads: payloads, packTimes: packs, unpackTimes: unpacks, feasible: feasible,
                              link: link, resultBytes: resultBytes, preprocesses: !(preprocessing?.steps.isEmpty ?? true))
    }

    /// The predicted edge job (preprocessing, prefix, packing) for cut `k`.
    public func edgeJobTime(split k: Int) -> SimDuration {
        edgeLayerTimes[..<k].reduce(preprocessTime + packTimes[k], +)
    }

    /// The predicted cloud job (unpacking, suffix) for cut `k` (zero for k = L).
    public func cloudJobTime(split k: Int) -> SimDuration {
        k == layers ? .zero : cloudLayerTimes[k...].reduce(unpackTimes[k], +)
    }

    /// The predicted time for the transfers of cut `k` (payload up, result down) on a link of
    /// bandwidth `bandwidth`.
    public func transferTime(split k: Int, bandwidth: Bandwidth? = nil) -> SimDuration {
        guard k < layers else { return .zero }
        let b = bandwidth ?? link.bandwidth
        return link.latency + b.transmissionTime(link.wireBytes(for: payloads[k]))
            + link.latency + b.transmissionTime(link.wireBytes(for: resultBytes))
    }

    /// T(k) on an idle system (the type's formula).
    public func predictedLatency(split k: Int) -> SimDuration {
        edgeJobTime(split: k) + transferTime(split: k) + cloudJobTime(split: k)
    }

    /// Whether cut `k` needs an edge compute slot: every cut but k = 0 without
    /// preprocessing, whose packing runs on the device's I/O path.
    public func usesEdgeSlot(split k: Int) -> Bool { k > 0 || preprocesses }

    /// T(k) plus the waits a request would see now: `edgeWait` before the edge job (when
    /// the cut needs an edge slot), and for k < L `linkWait` before the upload and
    /// `cloudWait` before the cloud job, with the transfers at `bandwidth`.
    public func predictedLatency(split k: Int, edgeWait: SimDuration, linkWait: SimDuration, cloudWait: SimDuration,
                                 bandwidth: Bandwidth) -> SimDuration {
        let remote = k < layers ? linkWait + cloudWait + transferTime(split: k, bandwidth: bandwidth) + cloudJobTime(split: k) : .zero
        return (usesEdgeSlot(split: k) ? edgeWait : .zero) + edgeJobTime(split: k) + remote
    }

    /// The feasible cut with the lowest ``predictedLatency(split:)`` (the smallest k on
    /// ties), found in one pass with running prefix and suffix sums; nil if none is feasible.
    public func bestSplit() -> Int? {
        var suffix = [SimDuration](repeating: .zero, count: layers + 1)
        for i in stride(from: layers - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + cloudLayerTimes[i] }
        let back = link.latency + link.bandwidth.transmissionTime(link.wireBytes(for: resultBytes))
        var prefix = preprocessTime
        var best: (k: Int, t: SimDuration)?
        for k in 0...layers {
            if k > 0 { prefix += edgeLayerTimes[k - 1] }
            guard feasible[k] else { continue }
            var t = prefix + packTimes[k]
            if k < layers {
                t += link.latency + link.bandwidth.transmissionTime(link.wireBytes(for: payloads[k])) + back
                    + unpackTimes[k] + suffix[k]
            }
            if let b = best, b.t <= t { continue }
            best = (k, t)
        }
        return best?.k
    }
}
