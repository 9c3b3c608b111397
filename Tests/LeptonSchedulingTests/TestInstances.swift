import LeptonCore
import LeptonScheduling

/// Instances shared by several test files.
enum TestInstances {
    /// Topcuoglu, Hariri, Wu (IEEE TPDS 13(3), 2002), Fig. 2: 10 tasks, 3 processors.
    /// Computation costs W[i][p]; communication costs on the edges are times, encoded here as
    /// bytes over a 1 B/s (8 bit/s) default link with no latency, so time = bytes.
    static func heftPaper() throws -> SchedulingInstance {
        let w: [[Double]] = [
            [14, 16, 9], [13, 19, 18], [11, 13, 19], [13, 8, 17], [12, 13, 10],
            [13, 16, 9], [7, 15, 11], [5, 11, 14], [18, 12, 20], [21, 7, 16],
        ]
        let communication: [(Int, Int, Int)] = [
            (1, 2, 18), (1, 3, 12), (1, 4, 9), (1, 5, 11), (1, 6, 14),
            (2, 8, 19), (2, 9, 16), (3, 7, 23), (4, 8, 27), (4, 9, 23),
            (5, 9, 13), (6, 8, 15), (7, 10, 17), (8, 10, 11), (9, 10, 13),
        ]
        return try SchedulingInstance(
            name: "topcuoglu-2002-fig2",
            devices: (1...3).map { Device(name: "P\($0)", speed: 1) },
            jobs: (1...10).map { Job(name: "n\($0)", work: 0) },
            edges: communication.map { DataEdge(from: $0.0 - 1, to: $0.1 - 1, data: .bytes($0.2)) },
            defaultLatency: .zero, defaultBandwidth: .bytesPerSecond(1),
            executionTimes: w)
    }
}
