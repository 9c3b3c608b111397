/// The block a report opens with: the experiment's question, its answer when known,
/// how many claims each verdict got, the key metrics and the first chart.
public struct Findings: Sendable {
    /// The question the experiment asks (the experiment's own words, safe Markdown).
    public var question: String?
    /// The answer in one or two sentences (safe Markdown), when the run states one.
    public var answer: String?
    /// The claims checked, counted per verdict (the full table comes later).
    public var claims: [ClaimRow]
    /// The few headline metrics.
    public var metrics: [MetricCard]
    /// The chart that best shows the answer.
    public var figure: ReportFigure?
    /// An already drawn chart (a cell's PNG), shown when there is no `figure`.
    public var image: ReportImage?

    /// A findings block.
    public init(question: String? = nil, answer: String? = nil, claims: [ClaimRow] = [], metrics: [MetricCard] = [],
                figure: ReportFigure? = nil, image: ReportImage? = nil) {
        self.question = question
        self.answer = answer
        self.claims = claims
        self.metrics = metrics
        self.figure = figure
        self.image = image
    }

    /// How many claims got each verdict, in the order reproduced, not reproduced,
    /// inconclusive, definitional; verdicts no claim got are left out.
    public var verdictCounts: [(verdict: ClaimRow.Verdict, count: Int)] {
        [ClaimRow.Verdict.reproduced, .notReproduced, .inconclusive, .definitional].compactMap { verdict in
            let count = claims.filter { $0.verdict == verdict }.count
            return count > 0 ? (verdict, count) : nil
        }
    }
}
