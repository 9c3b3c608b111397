/// Something that can stand in an experiment's body.
public protocol ExperimentComponent: Sendable {
    /// The description items this component contributes.
    var items: [ExperimentItem] { get }
}

/// One element of an experiment's description, in the order written.
public enum ExperimentItem: Sendable {
    /// A declared parameter.
    case parameter(ParameterSpec)
    /// A named set of parameter values.
    case profile(Profile)
    /// Prose for the report.
    case markdown(String)
    /// A cell outside the sweep.
    case cell(Cell)
    /// The sweep and its cells.
    case sweep(Sweep)
    /// The number of replicates (seeds).
    case seeds(Int)
    /// A claim or a check.
    case claim(Claim)
    /// A regression threshold.
    case threshold(Threshold)
}

/// The result builder behind `Experiment { … }`.
@resultBuilder
public enum ExperimentBuilder {
    /// A component's experiment items.
    public static func buildExpression<C: ExperimentComponent>(_ component: C) -> [ExperimentItem] { component.items }
    /// Anything else placed directly in the body (a call, a computation) is a compile error
    /// in the lab's words rather than the compiler's "no exact matches in call to static
    /// method 'buildExpression'".
    @available(*, unavailable, message: "only Parameter, Profile, Seeds, Markdown, Cell, Sweep, Claim, Check and Threshold may appear directly in an Experiment { … }; put code inside a Cell(\"name\") { ctx in … }")
    public static func buildExpression<T>(_ statement: T) -> [ExperimentItem] { [] }
    /// Items already built, passed through unchanged.
    public static func buildExpression(_ items: [ExperimentItem]) -> [ExperimentItem] { items }
    /// The items of every statement, in order.
    public static func buildBlock(_ parts: [ExperimentItem]...) -> [ExperimentItem] { parts.flatMap { $0 } }
    /// The items of an `if` without `else`; none when its condition is false.
    public static func buildOptional(_ part: [ExperimentItem]?) -> [ExperimentItem] { part ?? [] }
    /// The items of the first branch of an `if`–`else` or `switch`.
    public static func buildEither(first part: [ExperimentItem]) -> [ExperimentItem] { part }
    /// The items of the second branch of an `if`–`else` or `switch`.
    public static func buildEither(second part: [ExperimentItem]) -> [ExperimentItem] { part }
    /// The items of every iteration of a `for` loop, in order.
    public static func buildArray(_ parts: [[ExperimentItem]]) -> [ExperimentItem] { parts.flatMap { $0 } }
}

/// The result builder behind `Sweep { … }`: it accepts cells only, so prose or a nested
/// sweep inside a sweep is a compile error rather than silently dropped.
@resultBuilder
public enum SweepBuilder {
    /// A cell, as a one-element list.
    public static func buildExpression(_ cell: Cell) -> [Cell] { [cell] }
    /// Anything else inside a sweep is a compile error in the lab's words.
    @available(*, unavailable, message: "only Cell may appear inside a Sweep { … }; put code inside a Cell(\"name\") { ctx in … }, and Markdown, Claim or Check in the Experiment's body")
    public static func buildExpression<T>(_ statement: T) -> [Cell] { [] }
    /// The cells of every statement, in order.
    public static func buildBlock(_ parts: [Cell]...) -> [Cell] { parts.flatMap { $0 } }
    /// The cells of an `if` without `else`; none when its condition is false.
    public static func buildOptional(_ part: [Cell]?) -> [Cell] { part ?? [] }
    /// The cells of the first branch of an `if`–`else` or `switch`.
    public static func buildEither(first part: [Cell]) -> [Cell] { part }
    /// The cells of the second branch of an `if`–`else` or `switch`.
    public static func buildEither(second part: [Cell]) -> [Cell] { part }
    /// The cells of every iteration of a `for` loop, in order.
    public static func buildArray(_ parts: [[Cell]]) -> [Cell] { parts.flatMap { $0 } }
}
