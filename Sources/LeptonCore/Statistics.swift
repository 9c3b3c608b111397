import Foundation

/// Lepton's one rule per statistic: every module's percentiles, medians, replicate
/// summaries and significance tests come from here, so a p95 in a report, a regression
/// check and an experiment's table are the same number.
public enum Statistics {
    /// Mean, sample standard deviation and the 95 % confidence interval of the mean
    /// (Student's t with n − 1 degrees of freedom; the interval is the value itself for n = 1).
    public static func summary(_ values: [Double]) -> (mean: Double, std: Double, low: Double, high: Double) {
        let n = values.count
        guard n > 0 else { return (.nan, .nan, .nan, .nan) }
        let mean = values.reduce(0, +) / Double(n)
        guard n > 1 else { return (mean, 0, mean, mean) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let std = variance.squareRoot()
        let half = tQuantile975(df: n - 1) * std / Double(n).squareRoot()
        return (mean, std, mean - half, mean + half)
    }

    /// The q-th percentile (0…100) of sorted values, by linear interpolation between the
    /// closest ranks (NumPy's default, "type 7"): rank q/100 · (n − 1). NaN for no values.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let pos = q / 100 * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
    }

    /// The q-th percentile (0…100) of values in any order, by the rule of ``percentile(_:_:)``.
    public static func percentile(of values: [Double], _ q: Double) -> Double {
        percentile(values.sorted(), q)
    }

    /// The 1-based nearest rank ⌈percent/100 · count⌉ (at least 1) of the nearest-rank
    /// percentile, for integer-valued samples (simulated latencies) whose percentile must be
    /// one of the samples; computed in integers, so p95 of 20 samples is exactly rank 19.
    public static func nearestRank(percent: Int, count: Int) -> Int {
        Swift.max(1, (percent * count + 99) / 100)
    }

    /// The median of values in any order: the 50th percentile (the mean of the two middle
    /// values for an even count). NaN for no values.
    public static func median(_ values: [Double]) -> Double {
        percentile(values.sorted(), 50)
    }

    /// The two-sided p-value of the Mann–Whitney U test (normal approximation with tie
    /// correction and continuity correction): how likely samples this different are if
    /// both come from one distribution.
    public static func mannWhitneyP(_ a: [Double], _ b: [Double]) -> Double {
        let n1 = Double(a.count), n2 = Double(b.count)
        guard n1 > 0, n2 > 0 else { return 1 }
        let all = (a.map { ($0, 0) } + b.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        var ranks = [Double](repeating: 0, count: all.count)
        var tieTerm = 0.0
        var i = 0
        while i < all.count {
            var j = i
            while j + 1 < all.count && all[j + 1].0 == all[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[k] = rank }
            let t = Double(j - i + 1)
            tieTerm += t * t * t - t
            i = j + 1
        }
        let r1 = zip(all, ranks).filter { $0.0.1 == 0 }.reduce(0) { $0 + $1.1 }
        let u1 = r1 - n1 * (n1 + 1) / 2
        let mean = n1 * n2 / 2
        let n = n1 + n2
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return u1 == mean ? 1 : 0 }
        let z = (abs(u1 - mean) - 0.5) / variance.squareRoot()
        return min(1, max(0, erfc(max(z, 0) / 2.0.squareRoot())))
    }

    /// The 97.5 % quantile of Student's t distribution.
    public static func tQuantile975(df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return 1.959964 + 2.37 / Double(df)     // close to the exact value beyond 30
    }
}
