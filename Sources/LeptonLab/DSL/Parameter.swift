/// The Swift types a parameter can have: `Int`, `Double`, `String`, `Bool`, `[Double]`.
public protocol ParameterType: Sendable, Equatable {
    /// The value as stored in records and on the command line.
    var parameterValue: ParameterValue { get }
    /// The value of this type held by `value`, if it has this type.
    init?(parameterValue value: ParameterValue)
}

extension Int: ParameterType {
    /// The integer as an `.int` value.
    public var parameterValue: ParameterValue { .int(self) }
    /// The integer held by an `.int` value; nil for any other.
    public init?(parameterValue value: ParameterValue) {
        guard case let .int(v) = value else { return nil }
        self = v
    }
}

extension Double: ParameterType {
    /// The number as a `.double` value.
    public var parameterValue: ParameterValue { .double(self) }
    /// The number held by an `.int` or `.double` value; nil for any other.
    public init?(parameterValue value: ParameterValue) {
        guard let v = value.number else { return nil }
        self = v
    }
}

extension String: ParameterType {
    /// The text as a `.string` value.
    public var parameterValue: ParameterValue { .string(self) }
    /// The text held by a `.string` value; nil for any other.
    public init?(parameterValue value: ParameterValue) {
        guard case let .string(v) = value else { return nil }
        self = v
    }
}

extension Bool: ParameterType {
    /// The flag as a `.bool` value.
    public var parameterValue: ParameterValue { .bool(self) }
    /// The flag held by a `.bool` value; nil for any other.
    public init?(parameterValue value: ParameterValue) {
        guard case let .bool(v) = value else { return nil }
        self = v
    }
}

extension Array: ParameterType where Element == Double {
    /// The list as a `.doubles` value.
    public var parameterValue: ParameterValue { .doubles(self) }
    /// The list held by a `.doubles` value; nil for any other.
    public init?(parameterValue value: ParameterValue) {
        guard case let .doubles(v) = value else { return nil }
        self = v
    }
}

/// A declared parameter. The declaration is also the key a cell reads it with, so a
/// misspelt parameter is a compile error:
///
/// ```swift
/// private let epochs = Parameter("epochs", default: 10, range: 1...200, unit: "epochs")
/// let lab = Experiment("lab") {
///     epochs                                   // declares it
///     Profile("quick", epochs(3))              // a profile's value
///     Cell("train") { ctx in let n = try ctx[epochs] /* an Int */ }
/// }
/// ```
/// On the command line it keeps its name: `--set epochs=5`.
public struct Parameter<Value: ParameterType>: ExperimentComponent {
    /// Name, type, range, unit and help.
    public let spec: ParameterSpec
    /// The parameter's declaration, as one experiment item.
    public var items: [ExperimentItem] { [.parameter(spec)] }
    /// The name used with `--set name=value`.
    public var name: String { spec.name }

    init(spec: ParameterSpec) { self.spec = spec }

    /// The setting `name = value`, for profiles, sweep points and claim conditions.
    public func callAsFunction(_ value: Value) -> ParameterSetting {
        ParameterSetting(name: spec.name, value: value.parameterValue)
    }
}

extension Parameter where Value == Int {
    /// An integer parameter.
    public init(_ name: String, default value: Int, range: ClosedRange<Int>? = nil, unit: String? = nil, help: String = "") {
        self.init(spec: ParameterSpec(name: name, defaultValue: .int(value), unit: unit,
                                      range: range.map { Double($0.lowerBound)...Double($0.upperBound) }, allowed: nil, help: help))
    }
}

extension Parameter where Value == Double {
    /// A real-valued parameter.
    public init(_ name: String, default value: Double, range: ClosedRange<Double>? = nil, unit: String? = nil, help: String = "") {
        self.init(spec: ParameterSpec(name: name, defaultValue: .double(value), unit: unit, range: range, allowed: nil, help: help))
    }
}

extension Parameter where Value == String {
    /// A text parameter, optionally restricted to `allowed` values.
    public init(_ name: String, default value: String, allowed: [String]? = nil, help: String = "") {
        self.init(spec: ParameterSpec(name: name, defaultValue: .string(value), unit: nil, range: nil, allowed: allowed, help: help))
    }
}

extension Parameter where Value == Bool {
    /// A true/false parameter.
    public init(_ name: String, default value: Bool, help: String = "") {
        self.init(spec: ParameterSpec(name: name, defaultValue: .bool(value), unit: nil, range: nil, allowed: nil, help: help))
    }
}

extension Parameter where Value == [Double] {
    /// A list-of-numbers parameter (for instance the bandwidths a cell loops over).
    public init(_ name: String, default value: [Double], range: ClosedRange<Double>? = nil, unit: String? = nil, help: String = "") {
        self.init(spec: ParameterSpec(name: name, defaultValue: .doubles(value), unit: unit, range: range, allowed: nil, help: help))
    }
}

/// One parameter's value in a profile, a sweep point or a claim's conditions: written
/// `epochs(3)` from the parameter's declaration.
public struct ParameterSetting: Sendable, Hashable {
    /// The parameter's name.
    public let name: String
    /// Its value.
    public let value: ParameterValue
}

extension Array where Element == ParameterSetting {
    /// The settings as a name → value dictionary (a later setting of a name wins).
    var dictionary: [String: ParameterValue] {
        Dictionary(map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }
}
