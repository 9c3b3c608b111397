import Foundation

/// Small statistics for replicate summaries.
enum Statistics {
    /// Mean, sample standard deviation and the 95 % confidence interval of the mean
    /// (Student's t with n − 1 degrees of freedom; the interval is the value itself for n = 1).
    static func summary(_ values: [Double]) -> (mean: Double, std: Double, low: Double, high: Double) {
        let n = values.count
        guard n > 0 else { return (.nan, .nan, .nan, .nan) }
        let mean = values.reduce(0, +) / Double(n)
        guard n > 1 else { return (mean, 0, mean, mean) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let std = variance.squareRoot()
        let half = tQuantile975(df: n - 1) * std / Double(n).squareRoot()
        return (mean, std, mean - half, mean + half)
    }

    /// The 97.5 % quantile of Student's t distribution.
    static func tQuantile975(df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return 1.959964 + 2.37 / Double(df)     // close to the exact value beyond 30
    }
}
