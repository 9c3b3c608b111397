/// Edge devices, one or more clouds, and the links between them — validated as a whole.
///
/// Every edge tier must have a direct link to at least one cloud tier; the first such link
/// (in declaration order) is its route. Errors name the tier or link at fault.
public struct Topology: Sendable, Hashable, Codable {
    /// Every tier, in declaration order.
    public let tiers: [Tier]
    /// Every link, in declaration order.
    public let links: [Link]

    /// A validated topology.
    public init(tiers: [Tier], links: [Link]) throws(EmulationError) {
        var names = Set<String>()
        for tier in tiers {
            try tier.validate()
            guard names.insert(tier.name).inserted else { throw .duplicateTier(name: tier.name) }
        }
        let all = tiers.map(\.name)
        guard tiers.contains(where: { $0.role == .edge }) else { throw .missingRole(role: "edge", tiers: all) }
        guard tiers.contains(where: { $0.role == .cloud }) else { throw .missingRole(role: "cloud", tiers: all) }
        for (i, link) in links.enumerated() {
            for end in [link.from, link.to] where !names.contains(end) {
                throw .unknownTier(name: end, referencedBy: "link '\(link.name)'", known: all)
            }
            guard link.from != link.to else {
                throw .invalidLink(link: link.name, field: "ends", value: "\(link.from) twice", expected: "two different tiers")
            }
            try link.validate()
            if links[..<i].contains(where: { $0.joins(link.from, link.to) }) { throw .duplicateLink(link: link.name) }
        }
        self.tiers = tiers
        self.links = links
        let clouds = tiers.filter { $0.role == .cloud }.map(\.name)
        for edge in tiers where edge.role == .edge {
            guard route(from: edge.name) != nil else { throw .noRoute(edge: edge.name, clouds: clouds) }
        }
    }

    /// The edge tiers, in declaration order.
    public var edges: [Tier] { tiers.filter { $0.role == .edge } }
    /// The cloud tiers, in declaration order.
    public var clouds: [Tier] { tiers.filter { $0.role == .cloud } }

    /// The tier called `name`.
    public func tier(_ name: String) throws(EmulationError) -> Tier {
        guard let t = tiers.first(where: { $0.name == name }) else {
            throw .unknownTier(name: name, referencedBy: "the deployment", known: tiers.map(\.name))
        }
        return t
    }

    /// The link joining `a` and `b`, if any.
    public func link(between a: String, and b: String) -> Link? {
        links.first { $0.joins(a, b) }
    }

    /// The cloud tier and link an edge tier sends to: its first link to a cloud tier.
    public func route(from edge: String) -> (cloud: Tier, link: Link)? {
        for link in links where link.from == edge || link.to == edge {
            let other = link.from == edge ? link.to : link.from
            if let t = tiers.first(where: { $0.name == other }), t.role == .cloud { return (t, link) }
        }
        return nil
    }
}
