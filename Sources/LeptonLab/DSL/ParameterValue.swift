/// The value of an experiment parameter.
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case doubles([Double])

    /// The type's name as shown to users.
    public var typeName: String {
        switch self {
        case .int: return "integer"
        case .double: return "number"
        case .string: return "text"
        case .bool: return "true/false"
        case .doubles: return "list of numbers"
        }
    }

    /// The value as written on the command line.
    public var description: String {
        switch self {
        case let .int(v): return String(v)
        case let .double(v): return ParameterValue.format(v)
        case let .string(v): return v
        case let .bool(v): return v ? "true" : "false"
        case let .doubles(v): return v.map(ParameterValue.format).joined(separator: ",")
        }
    }

    /// The value as a Double, for int and double values.
    public var number: Double? {
        switch self {
        case let .int(v): return Double(v)
        case let .double(v): return v
        default: return nil
        }
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }
}

extension ParameterValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    /// An integer literal, as `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A floating-point literal, as `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal, as `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `true` or `false`, as `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal of numbers, as `.doubles`.
    public init(arrayLiteral elements: Double...) { self = .doubles(elements) }
}

