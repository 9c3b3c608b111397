/// Something that can stand in an experiment's body.
public protocol ExperimentComponent: Sendable {
    /// The description items this component contributes.
    var items: [ExperimentItem] { get }
}

/// One element of an experiment's description, in the order written.
public enum ExperimentItem: Sendable {
    case parameter(ParameterSpec)
    case profile(Profile)
    case markdown(String)
    case cell(Cell)
    case sweep(Sweep)
    case seeds(Int)
    case claim(Claim)
    case threshold(Threshold)
}

/// The result builder behind `Experiment { … }`.
@resultBuilder
public enum ExperimentBuilder {
    public static func buildExpression(_ component: any ExperimentComponent) -> [ExperimentItem] { component.items }
    public static func buildExpression(_ items: [ExperimentItem]) -> [ExperimentItem] { items }
    public static func buildBlock(_ parts: [ExperimentItem]...) -> [ExperimentItem] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [ExperimentItem]?) -> [ExperimentItem] { part ?? [] }
    public static func buildEither(first part: [ExperimentItem]) -> [ExperimentItem] { part }
    public static func buildEither(second part: [ExperimentItem]) -> [ExperimentItem] { part }
    public static func buildArray(_ parts: [[ExperimentItem]]) -> [ExperimentItem] { parts.flatMap { $0 } }
}

/// The result builder behind `Sweep { … }`: it accepts cells only, so prose or a nested
/// sweep inside a sweep is a compile error rather than silently dropped.
@resultBuilder
public enum SweepBuilder {
    public static func buildExpression(_ cell: Cell) -> [Cell] { [cell] }
    public static func buildBlock(_ parts: [Cell]...) -> [Cell] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Cell]?) -> [Cell] { part ?? [] }
    public static func buildEither(first part: [Cell]) -> [Cell] { part }
    public static func buildEither(second part: [Cell]) -> [Cell] { part }
    public static func buildArray(_ parts: [[Cell]]) -> [Cell] { parts.flatMap { $0 } }
}
