import SwiftParser
import SwiftSyntax

/// The top-level declarations of a module's source files, parsed with swift-syntax, and
/// which of them a cell's body can reach, for ``CodeIdentity``.
///
/// Name lookup is by spelling, never by type: a body *mentions* every identifier and
/// operator token in it, and a mention of `x` reaches every declaration that declares `x`
/// at the top level or as a member (all overloads, every type with a member `x`, every
/// extension adding one). Reaching a declaration reaches what it mentions, transitively.
/// Where Swift can call code without naming it, the analysis over-approximates:
/// - an extension that adds a conformance, a subscript or `callAsFunction`, any
///   top-level statement, `#if` block, macro expansion or import is reached by every cell;
/// - a top-level `var` (and a `let` holding an instance of a class or actor declared in
///   the module) is shared state: reaching it reaches every declaration that mentions it;
/// - a type reaches all its extensions, and a member name reaches all its declarations.
/// Declarations local to an experiment (in its builder, outside every cell) are nodes too.
/// Claims, prose and profiles in an experiment's body are reached by no cell.
struct DeclarationGraph: Sendable {
    /// One declaration.
    struct Node: Sendable {
        /// The file it is in.
        let file: String
        /// Its first line (1-based).
        let line: Int
        /// "func chartTitle", "struct Probe", "extension Tensor", "let epochs".
        let label: String
        /// Its source text (trimmed): what enters the keys of the cells that reach it.
        let text: String
        /// The names it declares: its own and its members'.
        let declares: Set<String>
        /// Every identifier and operator its text mentions.
        let mentions: Set<String>
        /// Reached by every cell.
        let global: Bool
        /// Shared mutable state: reaching it reaches everything that mentions it.
        let shared: Bool
    }

    /// Every node of every file.
    let nodes: [Node]
    /// Node indices by declared name.
    private let byName: [String: [Int]]
    /// Node indices of shared state by declared name, and the nodes mentioning each name.
    private let mentionedBy: [String: [Int]]
    /// Per file, each cell's (first line of its range) mentions.
    private let cellMentions: [String: [Int: Set<String>]]

    /// Parses `files`; `cellRanges` are the line ranges of every cell's body per file.
    init(files: [(path: String, text: String)], cellRanges: [String: [ClosedRange<Int>]]) {
        var nodes: [Node] = []
        var cells: [String: [Int: Set<String>]] = [:]
        var classNames = Set<String>()
        var pending: [(file: String, line: Int, label: String, text: String, declares: Set<String>, mentions: Set<String>,
                       global: Bool, isVar: Bool, initializer: Set<String>)] = []
        for file in files {
            let tree = Parser.parse(source: file.text)
            let converter = SourceLocationConverter(fileName: file.path, tree: tree)
            let ranges = cellRanges[file.path] ?? []
            func line(_ node: some SyntaxProtocol) -> Int { converter.location(for: node.positionAfterSkippingLeadingTrivia).line }
            func endLine(_ node: some SyntaxProtocol) -> Int { converter.location(for: node.endPositionBeforeTrailingTrivia).line }
            // Each cell's mentions: the tokens on its lines.
            var perCell: [Int: Set<String>] = [:]
            if !ranges.isEmpty {
                for token in tree.tokens(viewMode: .sourceAccurate) {
                    guard let name = DeclarationGraph.name(of: token) else { continue }
                    let l = line(token)
                    for r in ranges where r.contains(l) { perCell[r.lowerBound, default: []].insert(name) }
                }
            }
            cells[file.path] = perCell
            func add(_ decl: DeclSyntax, global extra: Bool = false) {
                let d = DeclarationGraph.describe(decl)
                classNames.formUnion(d.classes)
                pending.append((file.path, line(decl), d.label, decl.trimmedDescription, d.declares,
                                DeclarationGraph.mentions(in: Syntax(decl)), d.global || extra, d.isVar, d.initializer))
            }
            for item in tree.statements {
                let first = line(item), last = endLine(item)
                let holdsCells = ranges.contains { $0.lowerBound >= first && $0.lowerBound <= last }
                if holdsCells {
                    // An experiment: its local declarations outside every cell are nodes; the
                    // rest (claims, prose, profiles, the cells themselves) is no cell's code.
                    let locals = LocalDeclarations(root: item.item)
                    locals.walk(item.item)
                    for decl in locals.found {
                        let l = line(decl)
                        if !ranges.contains(where: { $0.contains(l) }) { add(decl) }
                    }
                    continue
                }
                if let decl = item.item.as(DeclSyntax.self) {
                    add(decl)
                } else {
                    // A top-level statement or expression: runs whenever the module is loaded.
                    pending.append((file.path, first, "top-level code", item.trimmedDescription, [],
                                    DeclarationGraph.mentions(in: Syntax(item)), true, false, []))
                }
            }
        }
        for p in pending {
            let shared = p.isVar || !p.initializer.isDisjoint(with: classNames)
            nodes.append(Node(file: p.file, line: p.line, label: p.label, text: p.text, declares: p.declares,
                              mentions: p.mentions, global: p.global, shared: shared))
        }
        var byName: [String: [Int]] = [:]
        var mentionedBy: [String: [Int]] = [:]
        let sharedNames = Set(nodes.filter(\.shared).flatMap(\.declares))
        for (i, n) in nodes.enumerated() {
            for name in n.declares { byName[name, default: []].append(i) }
            for name in n.mentions.intersection(sharedNames) { mentionedBy[name, default: []].append(i) }
        }
        self.nodes = nodes
        self.byName = byName
        self.mentionedBy = mentionedBy
        self.cellMentions = cells
    }

    /// The nodes the cell whose range starts at `line` in `file` reaches, in source order.
    func reach(file: String, line: Int) -> [Int] {
        var seen = Set<Int>()
        var queue: [Int] = nodes.indices.filter { nodes[$0].global }
        var names = Set<String>()
        func mention(_ set: Set<String>) {
            for name in set where names.insert(name).inserted { queue += byName[name] ?? [] }
        }
        mention(cellMentions[file]?[line] ?? [])
        while let i = queue.popLast() {
            guard seen.insert(i).inserted else { continue }
            let n = nodes[i]
            mention(n.mentions)
            if n.shared { for name in n.declares { queue += mentionedBy[name] ?? [] } }
        }
        return seen.sorted { (nodes[$0].file, nodes[$0].line) < (nodes[$1].file, nodes[$1].line) }
    }

    /// The name a token can refer to a declaration by: identifiers (without backticks) and
    /// operators.
    static func name(of token: TokenSyntax) -> String? {
        switch token.tokenKind {
        case let .identifier(text): return text.hasPrefix("`") ? String(text.dropFirst().dropLast()) : text
        case let .binaryOperator(text), let .prefixOperator(text), let .postfixOperator(text): return text
        default: return nil
        }
    }

    static func mentions(in node: Syntax) -> Set<String> {
        Set(node.tokens(viewMode: .sourceAccurate).compactMap(name(of:)))
    }

    /// A declaration's label, the names it declares, whether every cell reaches it, whether
    /// it is a top-level `var`, the names its initialiser mentions, the classes it declares.
    static func describe(_ decl: DeclSyntax) -> (label: String, declares: Set<String>, global: Bool, isVar: Bool,
                                                 initializer: Set<String>, classes: Set<String>) {
        func members(_ block: MemberBlockSyntax) -> (names: Set<String>, implicit: Bool, classes: Set<String>) {
            var names = Set<String>(), implicit = false, classes = Set<String>()
            for member in block.members {
                let d = describe(member.decl)
                names.formUnion(d.declares)
                classes.formUnion(d.classes)
                if member.decl.is(SubscriptDeclSyntax.self) || d.declares.contains("callAsFunction") { implicit = true }
            }
            return (names, implicit, classes)
        }
        func strip(_ s: String) -> String { s.hasPrefix("`") ? String(s.dropFirst().dropLast()) : s }
        if let f = decl.as(FunctionDeclSyntax.self) {
            return ("func \(f.name.text)", [strip(f.name.text)], false, false, [], [])
        }
        if let v = decl.as(VariableDeclSyntax.self) {
            var names = Set<String>()
            for binding in v.bindings {
                for token in binding.pattern.tokens(viewMode: .sourceAccurate) {
                    if case let .identifier(t) = token.tokenKind { names.insert(strip(t)) }
                }
            }
            let initializer = v.bindings.compactMap(\.initializer).reduce(into: Set<String>()) { $0.formUnion(mentions(in: Syntax($1))) }
            let keyword = v.bindingSpecifier.text
            return ("\(keyword) \(names.sorted().joined(separator: ", "))", names, false, keyword == "var", initializer, [])
        }
        if let t = decl.asProtocol(NamedDeclSyntax.self), let group = decl.asProtocol(DeclGroupSyntax.self) {
            let kind = decl.is(ClassDeclSyntax.self) ? "class" : decl.is(StructDeclSyntax.self) ? "struct"
                : decl.is(EnumDeclSyntax.self) ? "enum" : decl.is(ActorDeclSyntax.self) ? "actor" : "protocol"
            var m = members(group.memberBlock)
            if decl.is(ClassDeclSyntax.self) || decl.is(ActorDeclSyntax.self) { m.classes.insert(strip(t.name.text)) }
            if let e = decl.as(EnumDeclSyntax.self) {
                for member in e.memberBlock.members {
                    if let c = member.decl.as(EnumCaseDeclSyntax.self) { m.names.formUnion(c.elements.map { strip($0.name.text) }) }
                }
            }
            return ("\(kind) \(t.name.text)", m.names.union([strip(t.name.text)]), false, false, [], m.classes)
        }
        if let e = decl.as(ExtensionDeclSyntax.self) {
            let m = members(e.memberBlock)
            let typeName = e.extendedType.tokens(viewMode: .sourceAccurate).compactMap(name(of:)).last ?? e.extendedType.trimmedDescription
            let conforms = e.inheritanceClause != nil
            return ("extension \(e.extendedType.trimmedDescription)", m.names.union([typeName]), conforms || m.implicit, false, [], m.classes)
        }
        if let c = decl.as(EnumCaseDeclSyntax.self) {
            return ("case", Set(c.elements.map { strip($0.name.text) }), false, false, [], [])
        }
        if decl.is(InitializerDeclSyntax.self) { return ("init", ["init"], false, false, [], []) }
        if let a = decl.as(TypeAliasDeclSyntax.self) { return ("typealias \(a.name.text)", [strip(a.name.text)], false, false, [], []) }
        if let a = decl.as(AssociatedTypeDeclSyntax.self) { return ("associatedtype \(a.name.text)", [strip(a.name.text)], false, false, [], []) }
        if let o = decl.as(OperatorDeclSyntax.self) { return ("operator \(o.name.text)", [o.name.text], false, false, [], []) }
        if let p = decl.as(PrecedenceGroupDeclSyntax.self) { return ("precedencegroup \(p.name.text)", [p.name.text], false, false, [], []) }
        if let m = decl.as(MacroDeclSyntax.self) { return ("macro \(m.name.text)", [strip(m.name.text)], false, false, [], []) }
        if decl.is(SubscriptDeclSyntax.self) { return ("subscript", ["subscript"], false, false, [], []) }
        if decl.is(ImportDeclSyntax.self) { return ("import", [], true, false, [], []) }
        if decl.is(DeinitializerDeclSyntax.self) { return ("deinit", [], false, false, [], []) }
        // #if blocks, macro expansions and anything new: every cell reaches them.
        return (decl.kind == .ifConfigDecl ? "#if block" : "declaration", [], true, false, [], [])
    }
}

/// Declarations nested in an experiment's builder (local `let`s, functions, types),
/// not descending into the bodies of the declarations found.
private final class LocalDeclarations: SyntaxVisitor {
    var found: [DeclSyntax] = []
    /// The experiment's own declaration, whose children are searched.
    let root: SyntaxIdentifier

    init(root: some SyntaxProtocol) {
        self.root = root.id
        super.init(viewMode: .sourceAccurate)
    }

    private func take(_ node: some DeclSyntaxProtocol) -> SyntaxVisitorContinueKind {
        if node.id == root { return .visitChildren }
        found.append(DeclSyntax(node))
        return .skipChildren
    }

    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind { take(node) }
}
