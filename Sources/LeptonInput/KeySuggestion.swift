/// "Did you mean …?" for a key or name that is not in the format.
public enum KeySuggestion {
    /// The candidate nearest to `name` by edit distance (a swap of two neighbours counts
    /// one edit), when it is a likely typo: at most max(1, a third of the name's length)
    /// edits away and fewer edits than the name has characters; nil otherwise.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.filter { $0 != name }.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(1, name.count / 3) && best.1 < name.count ? best.0 : nil
    }

    /// "did you mean 'weight'?" or nil.
    public static func hint(for name: String, in candidates: [String]) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal-string-alignment distance between `a` and `b`: insertions, deletions,
    /// substitutions and swaps of two neighbouring characters each count 1.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
