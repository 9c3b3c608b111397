import Foundation
import LeptonCore
import LeptonData
import SwiftParser
import SwiftSyntax

/// The top-level declarations of a module's source files, parsed with swift-syntax, and
/// which of them a cell's body can reach, for ``CodeIdentity``.
///
/// Name lookup is by spelling, never by type: a body *mentions* every identifier and
/// operator token in it; a bare `x` reaches every top-level declaration named `x` (all
/// overloads), and `.x` (after a period: `a.x`, `.x`, `\\.x`) also every type or
/// extension with a member `x`. Reaching a declaration reaches what it mentions, and a
/// type and its extensions reach each other, transitively.
/// Where Swift can call code without naming it, the analysis over-approximates:
/// - an extension that adds a conformance, a subscript or `callAsFunction`, any
///   top-level statement, `#if` block, macro expansion or import is reached by every cell;
/// - a top-level `var` (and a `let` holding an instance of a class or actor declared in
///   the module) is shared state: reaching it reaches every declaration that mentions it;
/// - a type reaches all its extensions, and a member name reaches all its declarations.
/// Declarations local to an experiment (in its builder, outside every cell) are nodes too.
/// Scope is respected where it is certain: a `private` or `fileprivate` top-level
/// declaration (and an experiment-local one) is reached only from its own file.
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
        /// SHA-256 of its source text (trimmed): what enters the keys of the cells that reach it.
        let digest: String
        /// The names it declares: its own and its members'.
        let declares: Set<String>
        /// Every identifier and operator its text mentions.
        let mentions: Set<String>
        /// Reached by every cell.
        let global: Bool
        /// Shared mutable state: reaching it reaches everything that mentions it.
        let shared: Bool
        /// `private` or `fileprivate` (or local to an experiment's builder): only mentions
        /// in its own file can reach it.
        let filePrivate: Bool
    }

    /// Every node of every file.
    let nodes: [Node]
    /// Node indices by declared name.
    private let byName: [String: [Int]]
    /// Node indices of shared state by declared name, and the nodes mentioning each name.
    private let mentionedBy: [String: [Int]]
    /// Per file, each cell's (first line of its range) mentions.
    private let cellMentions: [String: [Int: Set<String>]]

    /// What one file declares and what its cells mention: the parse, kept on disk by the
    /// file's digest and its cells' line ranges (``IdentityCache``), so a run parses only
    /// the files that changed.
    struct FileAnalysis: Codable {
        struct Declaration: Codable {
            var line: Int
            var label: String
            /// SHA-256 of the declaration's text (trimmed of surrounding trivia).
            var digest: String
            var declares: Set<String>
            var mentions: Set<String>
            var global: Bool
            var isVar: Bool
            var initializer: Set<String>
            var classes: Set<String>
            var filePrivate: Bool
        }
        var declarations: [Declaration] = []
        /// Each cell's mentions, by the first line of its range.
        var cells: [Int: Set<String>] = [:]
    }

    /// Parses `files`; `cellRanges` are the line ranges of every cell's body per file.
    init(files: [(path: String, text: String)], cellRanges: [String: [ClosedRange<Int>]], cache: IdentityCache? = .shared) {
        var nodes: [Node] = []
        var cells: [String: [Int: Set<String>]] = [:]
        var analyses: [(String, FileAnalysis)] = []
        for file in files {
            let ranges = cellRanges[file.path] ?? []
            let key = "\(file.path)|\(ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ","))|\(file.text)"
            let analysis: FileAnalysis
            if let cache, let known = cache.load(key) {
                analysis = known
            } else {
                analysis = DeclarationGraph.analyse(text: file.text, ranges: ranges)
                cache?.store(analysis, key)
            }
            cells[file.path] = analysis.cells
            analyses.append((file.path, analysis))
        }
        let classNames = Set(analyses.flatMap { $0.1.declarations.flatMap(\.classes) })
        for (path, analysis) in analyses {
            for d in analysis.declarations {
                let shared = d.isVar || !d.initializer.isDisjoint(with: classNames)
                nodes.append(Node(file: path, line: d.line, label: d.label, digest: d.digest, declares: d.declares,
                                  mentions: d.mentions, global: d.global, shared: shared, filePrivate: d.filePrivate))
            }
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

    /// Parses one file with swift-syntax.
    static func analyse(text: String, ranges: [ClosedRange<Int>]) -> FileAnalysis {
        var result = FileAnalysis()
        let tree = Parser.parse(source: text)
        // Byte offset of each line's start, for line numbers by binary search.
        var starts = [0]
        for (i, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        func lineOf(_ offset: Int) -> Int {
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
            }
            return lo + 1
        }
        func line(_ node: some SyntaxProtocol) -> Int { lineOf(node.positionAfterSkippingLeadingTrivia.utf8Offset) }
        func endLine(_ node: some SyntaxProtocol) -> Int { lineOf(node.endPositionBeforeTrailingTrivia.utf8Offset) }
        // Each cell's mentions: the tokens on its lines.
        if !ranges.isEmpty {
            for token in tree.tokens(viewMode: .sourceAccurate) {
                guard let name = mention(of: token) else { continue }
                let l = line(token)
                for r in ranges where r.contains(l) { result.cells[r.lowerBound, default: []].insert(name) }
            }
        }
        func add(_ decl: DeclSyntax, local: Bool = false) {
            let d = describe(decl)
            let modifiers = decl.asProtocol(WithModifiersSyntax.self)?.modifiers.map(\.name.text) ?? []
            let filePrivate = local || modifiers.contains("private") || modifiers.contains("fileprivate")
            result.declarations.append(.init(line: line(decl), label: d.label, digest: SHA256.hexDigest(Array(decl.trimmedDescription.utf8)), declares: d.declares,
                                             mentions: mentions(in: Syntax(decl)), global: d.global, isVar: d.isVar,
                                             initializer: d.initializer, classes: d.classes, filePrivate: filePrivate))
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
                    if !ranges.contains(where: { $0.contains(l) }) { add(decl, local: true) }
                }
                continue
            }
            if let decl = item.item.as(DeclSyntax.self) {
                add(decl)
            } else {
                // A top-level statement or expression: runs whenever the module is loaded.
                result.declarations.append(.init(line: first, label: "top-level code", digest: SHA256.hexDigest(Array(item.trimmedDescription.utf8)), declares: [],
                                                 mentions: mentions(in: Syntax(item)), global: true, isVar: false,
                                                 initializer: [], classes: [], filePrivate: false))
            }
        }
        return result
    }

    /// The nodes the cell whose range starts at `line` in `file` reaches, in source order.
    /// A mention reaches the declarations of that name visible from the mentioning file:
    /// every non-private one, and the private ones of the same file.
    func reach(file: String, line: Int) -> [Int] {
        var seen = Set<Int>()
        var queue: [Int] = nodes.indices.filter { nodes[$0].global }
        var looked = Set<String>()
        func mention(_ set: Set<String>, from origin: String) {
            for name in set where looked.insert(origin + "\u{0}" + name).inserted {
                // A member mention `.x` may also name a top-level `x` (`Module.x`).
                let candidates = (byName[name] ?? []) + (name.hasPrefix(".") ? byName[String(name.dropFirst())] ?? [] : [])
                for j in candidates where !nodes[j].filePrivate || nodes[j].file == origin { queue.append(j) }
            }
        }
        mention(cellMentions[file]?[line] ?? [], from: file)
        while let i = queue.popLast() {
            guard seen.insert(i).inserted else { continue }
            let n = nodes[i]
            mention(n.mentions, from: n.file)
            // A type reaches its extensions and an extension its type (their bodies call
            // each other's members unqualified).
            mention(n.declares.filter { !$0.hasPrefix(".") }, from: n.file)
            if n.shared {
                // Its writers: whatever mentions it where it is visible.
                for name in n.declares {
                    queue += (mentionedBy[name] ?? []).filter { !n.filePrivate || nodes[$0].file == n.file }
                }
            }
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

    /// The names a piece of syntax mentions: bare (`x`, `==`) or, after a period, as a
    /// member (`.x`: `a.x`, `.x` implicit members, `\\.x` key paths).
    static func mentions(in node: Syntax) -> Set<String> {
        Set(node.tokens(viewMode: .sourceAccurate).compactMap(mention(of:)))
    }

    static func mention(of token: TokenSyntax) -> String? {
        guard let name = name(of: token) else { return nil }
        if case .identifier = token.tokenKind, token.previousToken(viewMode: .sourceAccurate)?.tokenKind == .period {
            return "." + name
        }
        return name
    }

    /// A member's name as declared: `.x` (reached by member mentions), except operators,
    /// which are used bare (`a == b`).
    static func member(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else { return name }
        return "." + name
    }

    /// A declaration's label, the names it declares, whether every cell reaches it, whether
    /// it is a top-level `var`, the names its initialiser mentions, the classes it declares.
    static func describe(_ decl: DeclSyntax) -> (label: String, declares: Set<String>, global: Bool, isVar: Bool,
                                                 initializer: Set<String>, classes: Set<String>) {
        func members(_ block: MemberBlockSyntax) -> (names: Set<String>, implicit: Bool, classes: Set<String>) {
            var names = Set<String>(), implicit = false, classes = Set<String>()
            for member in block.members {
                let d = describe(member.decl)
                names.formUnion(d.declares.map { $0.hasPrefix(".") ? $0 : DeclarationGraph.member($0) })
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
                    if let c = member.decl.as(EnumCaseDeclSyntax.self) { m.names.formUnion(c.elements.map { "." + strip($0.name.text) }) }
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

/// Per-file analyses kept on disk (`$XDG_CACHE_HOME/lepton/identity`, else
/// `~/.cache/lepton/identity`, else the temporary folder), named by the SHA-256 of the
/// file's path, text and cell ranges and versioned with the analysis. An entry that does
/// not decode is ignored and rewritten; writes are atomic.
struct IdentityCache: Sendable {
    /// Bump when ``DeclarationGraph/analyse(text:ranges:)`` changes what it records.
    static let version = 2
    let folder: URL

    static let shared: IdentityCache? = {
        let env = ProcessInfo.processInfo.environment
        if env["LEPTON_IDENTITY_CACHE"] == "off" { return nil }
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? env["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).appendingPathComponent(".cache") }
            ?? FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent("lepton/identity")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        return IdentityCache(folder: folder)
    }()

    private func file(_ key: String) -> URL {
        folder.appendingPathComponent("v\(IdentityCache.version)-" + SHA256.hexDigest(Array(key.utf8)).prefix(40) + ".json")
    }

    func load(_ key: String) -> DeclarationGraph.FileAnalysis? {
        guard let data = FileManager.default.contents(atPath: file(key).path) else { return nil }
        return try? LabJSON.decoder().decode(DeclarationGraph.FileAnalysis.self, from: data)
    }

    func store(_ analysis: DeclarationGraph.FileAnalysis, _ key: String) {
        guard let data = try? LabJSON.encoder().encode(analysis) else { return }
        try? data.write(to: file(key), options: .atomic)
    }
}
