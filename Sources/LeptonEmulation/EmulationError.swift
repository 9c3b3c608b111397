import LeptonCore
import LeptonNN

/// Everything that can go wrong when describing or running an emulation. Each message
/// names the tier, link, file or value at fault, expected vs found, and what to do.
public enum EmulationError: Error, Equatable, Sendable {
    /// A tier's field has a value outside its allowed range.
    case invalidTier(tier: String, field: String, value: String, expected: String)
    /// A link's field has a value outside its allowed range.
    case invalidLink(link: String, field: String, value: String, expected: String)
    /// Two tiers share a name.
    case duplicateTier(name: String)
    /// Two links join the same pair of tiers.
    case duplicateLink(link: String)
    /// A name refers to no tier of the topology.
    case unknownTier(name: String, referencedBy: String, known: [String])
    /// The topology lacks a tier of a role ("edge" or "cloud").
    case missingRole(role: String, tiers: [String])
    /// An edge tier has no direct link to a cloud tier.
    case noRoute(edge: String, clouds: [String])
    /// A model (or part of one) does not fit a tier's memory.
    case doesNotFit(model: String, tier: String, needed: ByteCount, weights: ByteCount, activations: ByteCount,
                    available: ByteCount)
    /// A tier cannot run a precision.
    case unsupportedPrecision(tier: String, precision: String, supported: [String])
    /// A cut point outside 0…layers.
    case invalidSplit(split: Int, layers: Int)
    /// No cut point fits the tiers' memories.
    case noFeasibleSplit(edge: String, cloud: String, reason: String)
    /// A scenario's models or samples do not agree.
    case incompatible(what: String, expected: String, found: String, hint: String)
    /// A workload parameter is out of range.
    case invalidWorkload(field: String, value: String, expected: String)
    /// A request trace file cannot be used.
    case traceFile(path: String, line: Int, reason: String)
    /// Received bytes do not decode in the declared encoding.
    case decoding(encoding: String, reason: String)
    /// Training or weight serialisation on a tier failed.
    case model(tier: String, stage: String, reason: String)
}

extension EmulationError: CustomStringConvertible {
    /// A message that says what failed, where, and what to do.
    public var description: String {
        switch self {
        case let .invalidTier(tier, field, value, expected):
            return "tier '\(tier)': \(field) = \(value) is not allowed; expected \(expected)"
        case let .invalidLink(link, field, value, expected):
            return "link '\(link)': \(field) = \(value) is not allowed; expected \(expected)"
        case let .duplicateTier(name):
            return "two tiers are named '\(name)'; give every tier a unique name"
        case let .duplicateLink(link):
            return "link '\(link)' is declared twice; declare each pair of tiers once (links are full duplex)"
        case let .unknownTier(name, referencedBy, known):
            return "\(referencedBy) refers to tier '\(name)', which is not in the topology; known tiers: "
                + known.joined(separator: ", ")
        case let .missingRole(role, tiers):
            return "the topology has no \(role) tier (tiers: \(tiers.isEmpty ? "none" : tiers.joined(separator: ", "))); "
                + "add one with Tier.\(role)(…)"
        case let .noRoute(edge, clouds):
            return "edge tier '\(edge)' has no link to a cloud tier; add a Link from '\(edge)' to one of: "
                + clouds.joined(separator: ", ")
        case let .doesNotFit(model, tier, needed, weights, activations, available):
            return "\(model) needs \(needed) (weights \(weights) + peak activations \(activations)) but tier '\(tier)' "
                + "has \(available) of memory, \(needed - available) too little; give the tier more memory, "
                + "quantise the model, or cut it so that less runs on '\(tier)'"
        case let .unsupportedPrecision(tier, precision, supported):
            return "tier '\(tier)' cannot run \(precision) models (it supports \(supported.joined(separator: ", "))); "
                + "add .\(precision) to its precisions or deploy a \(supported.first ?? "float32") model"
        case let .invalidSplit(split, layers):
            return "split \(split) is outside 0…\(layers) (the model has \(layers) layers); choose k edge layers in 0…\(layers)"
        case let .noFeasibleSplit(edge, cloud, reason):
            return "no cut of the model fits both '\(edge)' and '\(cloud)': \(reason)"
        case let .incompatible(what, expected, found, hint):
            return "\(what): expected \(expected), found \(found); \(hint)"
        case let .invalidWorkload(field, value, expected):
            return "workload \(field) = \(value) is not allowed; expected \(expected)"
        case let .traceFile(path, line, reason):
            return "\(path):\(line): \(reason); each line is 'seconds' or 'seconds,edge-tier' ('#' starts a comment)"
        case let .decoding(encoding, reason):
            return "cannot decode a \(encoding) payload: \(reason)"
        case let .model(tier, stage, reason):
            return "tier '\(tier)', \(stage): \(reason)"
        }
    }
}
