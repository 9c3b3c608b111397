/// A declared experiment parameter: name, type (from its default), unit, allowed values.
public struct ParameterSpec: Sendable, Hashable {
    /// The name used with `--set name=value` and `ctx.int("name")`.
    public let name: String
    /// The default value; its case fixes the type.
    public let defaultValue: ParameterValue
    /// The unit shown in reports ("epochs", "Mbit/s").
    public let unit: String?
    /// The smallest and largest allowed numbers (for numbers and lists of numbers).
    public let range: ClosedRange<Double>?
    /// The allowed texts (for text parameters).
    public let allowed: [String]?
    /// What the parameter means.
    public let help: String

    /// One line for listings: "epochs (integer, 1…100, default 10 epochs)".
    public var usage: String {
        var constraint = ""
        if let r = range { constraint = ", \(ParameterValue.format(r.lowerBound))…\(ParameterValue.format(r.upperBound))" }
        if let a = allowed { constraint = ", one of \(a.joined(separator: "|"))" }
        let unitText = unit.map { " \($0)" } ?? ""
        return "\(name) (\(defaultValue.typeName)\(constraint), default \(defaultValue)\(unitText))"
            + (help.isEmpty ? "" : " — \(help)")
    }

    /// Reads `text` as a value of this parameter's type, or explains why not.
    public func parse(_ text: String, validList: [String]) throws(LabError) -> ParameterValue {
        let t = text.trimmingCharacters(in: .whitespaces)
        let value: ParameterValue
        switch defaultValue {
        case .int:
            guard let v = Int(t) else { throw .wrongType(parameter: name, value: text, expected: "integer", valid: validList) }
            value = .int(v)
        case .double:
            guard let v = Double(t), v.isFinite else { throw .wrongType(parameter: name, value: text, expected: "number", valid: validList) }
            value = .double(v)
        case .bool:
            switch t.lowercased() {
            case "true", "yes", "1": value = .bool(true)
            case "false", "no", "0": value = .bool(false)
            default: throw .wrongType(parameter: name, value: text, expected: "true/false", valid: validList)
            }
        case .string:
            value = .string(t)
        case .doubles:
            let parts = t.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw .wrongType(parameter: name, value: text, expected: "comma-separated list of numbers", valid: validList)
            }
            value = .doubles(parts.compactMap { $0 })
        }
        try validate(value, validList: validList)
        return value
    }

    /// Checks type, range and allowed values.
    public func validate(_ value: ParameterValue, validList: [String]) throws(LabError) {
        switch (defaultValue, value) {
        case (.int, .int), (.double, .double), (.string, .string), (.bool, .bool), (.doubles, .doubles): break
        case (.double, .int): break
        default: throw .wrongType(parameter: name, value: value.description, expected: defaultValue.typeName, valid: validList)
        }
        if let r = range {
            let numbers: [Double]
            switch value {
            case let .doubles(v): numbers = v
            default: numbers = value.number.map { [$0] } ?? []
            }
            for x in numbers where !r.contains(x) {
                throw .outOfRange(parameter: name, value: ParameterValue.format(x),
                                  allowed: "\(ParameterValue.format(r.lowerBound))…\(ParameterValue.format(r.upperBound))", valid: validList)
            }
        }
        if let a = allowed, case let .string(s) = value, !a.contains(s) {
            throw .outOfRange(parameter: name, value: s, allowed: "{\(a.joined(separator: ", "))}", valid: validList)
        }
    }
}

import Foundation
