import LeptonNN

/// 002's edge-compression experiment in one call.
extension Emulator {
    /// Quantises a trained model to int8 (`scheme`), checks the int8 weight file round
    /// trip, evaluates both models on `test`, and runs each edge-only on `edge` for
    /// `requests` well-spaced requests. Returns the report and the int8 model.
    public func compareCompression(_ model: Sequential, scheme: QuantizationScheme = .perChannel, test: Samples,
                                   edge: String, requests: Int = 50) throws(EmulationError) -> (CompressionReport, Sequential) {
        let tier = try topology.tier(edge)
        let quantized: Sequential
        do {
            quantized = try Quantization.quantize(model, scheme: scheme)
            // Ship the int8 weights as bytes and load them into a second int8 copy: the
            // edge runs what it received.
            let shipped = QuantizedWeights.encode(quantized)
            let received = try Quantization.quantize(model, scheme: scheme)
            try QuantizedWeights.decode(shipped, into: received)
            let comparison = Quantization.compare(model, received, on: test)
            let workload = Workload.evenlySpaced(count: requests, gap: .seconds(1), edge: edge)
            var floatLatency: LatencySummary?
            var refusal: String?
            do {
                floatLatency = try run(SplitInference(model: model, policy: .edgeOnly), workload: workload, samples: test).latency
            } catch {
                refusal = error.description
            }
            let int8 = try run(SplitInference(model: model, edgeModel: received, policy: .edgeOnly, label: "the int8 model"),
                               workload: workload, samples: test)
            let report = CompressionReport(clock: clock, edge: tier.name, scheme: scheme, quantization: comparison,
                                           shippedBytes: .bytes(shipped.count), floatLatency: floatLatency,
                                           floatRefusal: refusal, int8Latency: int8.latency)
            return (report, received)
        } catch let error as NNError {
            throw .model(tier: edge, stage: "int8 quantisation", reason: error.description)
        } catch let error as EmulationError {
            throw error
        } catch {
            throw .model(tier: edge, stage: "int8 quantisation", reason: "\(error)")
        }
    }
}
