import LeptonTensor

extension Sequential {
    /// The model's outputs for every sample in `data`, row-major (`data.count × output
    /// width`), computed in inference mode in batches of `batchSize` with single-threaded
    /// BLAS, so the numbers do not depend on the thread count.
    public func predict(_ data: Samples, batchSize: Int = 256) -> [Float] {
        let s = data.sampleSize
        var out: [Float] = []
        out.reserveCapacity(data.count * outputShape.reduce(1, *))
        var start = 0
        while start < data.count {
            let end = Swift.min(start + batchSize, data.count)
            let x = Tensor(shape: [end - start] + data.sampleShape, values: Array(data.features[(start * s)..<(end * s)]))
            let y = BLAS.singleThreaded { ComputeThreads.withFlushedDenormals { forward(x, training: false) } }
            out.append(contentsOf: y.array)
            start = end
        }
        return out
    }
}
