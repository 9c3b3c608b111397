import Foundation
import XCTest
@testable import LeptonLab

/// Issue 25 acceptance 1, on the keys: a cell's code identity covers exactly the
/// declarations its body can reach — through a helper, a type's method, an extension, a
/// constant, an operator, shared state — and over-approximates where lookup by name is
/// ambiguous. Each test edits one declaration and checks which cells' keys move.
final class DeclarationReachTests: XCTestCase {
    private let path = "/lab/lab.swift"

    /// The keys of every `Cell("name")` in `text`, by name, as `CodeIdentity` computes them
    /// from a manifest holding `text`.
    private func keys(_ text: String) -> [String: String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cells: [Cell] = []
        for (i, line) in lines.enumerated() {
            guard let r = line.range(of: #"Cell\("([a-z]+)"\)"#, options: .regularExpression) else { continue }
            let name = line[r].dropFirst(6).dropLast(2)
            cells.append(Cell(String(name), file: path, line: i + 1) { _ in })
        }
        let e = Experiment("lab", title: "") { for c in cells { c } }
        let identity = CodeIdentity(manifests: [SourceManifest(module: "Lab", files: [.init(path: path, text: text)], dependencies: [])],
                                    experiments: [e])
        return Dictionary(uniqueKeysWithValues: cells.map { ($0.name, identity.key(for: $0).digest) })
    }

    /// The lab: a training cell, a chart cell and a claim, with helpers of every kind.
    private func lab(_ edits: [String: String] = [:]) -> String {
        func part(_ name: String, _ original: String) -> String { edits[name] ?? original }
        return """
            import LeptonLab

            let accuracy = Metric("accuracy")
            let epochs = Parameter("epochs", default: \(part("epochs", "3")), range: 1...10)
            let chartTitleSuffix = "\(part("suffix", "(quick)"))"

            func chartTitle() -> String { "Accuracy by epoch \\(chartTitleSuffix)\(part("chartTitle", ""))" }
            func learningRate() -> Double { baseRate() * \(part("learningRate", "1")) }
            func baseRate() -> Double { \(part("baseRate", "0.01")) }

            struct Schedule {
                var steps: Int
                func decay() -> Double { \(part("decay", "0.5")) }
            }

            extension Double {
                func clipped() -> Double { Swift.min(self, \(part("clip", "1"))) }
            }

            infix operator <+>: AdditionPrecedence
            func <+> (a: Double, b: Double) -> Double { a + b * \(part("operator", "1")) }

            func describe(_ x: Int) -> String { "int \\(x)\(part("describeInt", ""))" }
            func describe(_ x: String) -> String { "text \\(x)\(part("describeString", ""))" }

            var trainingLog: [String] = []
            func logStep(_ s: String) { trainingLog.append(s\(part("logStep", ""))) }

            let lab = Experiment("lab", title: "A lab") {
                epochs
                Cell("train") { ctx in
                    let rate = learningRate() <+> Schedule(steps: try ctx[epochs]).decay()
                    ctx.record(accuracy, rate.clipped())
                    ctx.note(trainingLog.joined())
                }
                Cell("chart") { ctx in
                    ctx.note(chartTitle() + describe(1))
                }
                Claim(accuracy, expected: \(part("claim", "0.5")), tolerance: 0.1, source: "the handout")
            }

            """
    }

    private func assertEdit(_ name: String, _ value: String, reruns expected: Set<String>, file: StaticString = #filePath, line: UInt = #line) {
        let before = keys(lab()), after = keys(lab([name: value]))
        XCTAssertEqual(before.count, 2, file: file, line: line)
        let moved = Set(before.keys.filter { before[$0] != after[$0] })
        XCTAssertEqual(moved, expected, "editing \(name)", file: file, line: line)
    }

    func testEditingTheChartHelperRerunsOnlyTheChartCell() {
        assertEdit("chartTitle", " (edited)", reruns: ["chart"])
        assertEdit("suffix", "(full)", reruns: ["chart"])
    }

    func testAFunctionTheTrainingCellCallsDirectlyRerunsIt() {
        assertEdit("learningRate", "2", reruns: ["train"])
    }

    func testAFunctionReachedThroughAnotherHelperRerunsIt() {
        assertEdit("baseRate", "0.02", reruns: ["train"])
    }

    func testATypesMethodRerunsIt() {
        assertEdit("decay", "0.25", reruns: ["train"])
    }

    func testAnExtensionMethodRerunsIt() {
        assertEdit("clip", "2", reruns: ["train"])
    }

    func testACustomOperatorRerunsIt() {
        assertEdit("operator", "2", reruns: ["train"])
    }

    func testAParameterDeclarationRerunsTheCellThatReadsIt() {
        assertEdit("epochs", "4", reruns: ["train"])
    }

    /// Shared mutable state: the training cell reads `trainingLog`, which `logStep` writes
    /// though no cell calls it — reaching a global `var` reaches everything that mentions it.
    func testAWriterOfAGlobalVarTheCellReadsRerunsIt() {
        assertEdit("logStep", " + \"!\"", reruns: ["train"])
    }

    /// Over-approximation: `describe` is overloaded; the chart cell calls the Int one, but
    /// lookup by name cannot tell, so editing the String overload reruns the chart cell too.
    func testAnOverloadTheCellDoesNotCallStillRerunsIt() {
        assertEdit("describeString", "!", reruns: ["chart"])
        assertEdit("describeInt", "!", reruns: ["chart"])
    }

    func testEditingTheClaimRerunsNoCell() {
        assertEdit("claim", "0.6", reruns: [])
    }

    /// An extension adding a conformance can be used without naming anything in it (an
    /// interpolation calls `description`): every cell reaches it.
    func testAnExtensionAddingAConformanceReachesEveryCell() {
        let base = lab()
        let with1 = base + "\nextension Schedule: CustomStringConvertible { var description: String { \"one\" } }\n"
        let with2 = base + "\nextension Schedule: CustomStringConvertible { var description: String { \"two\" } }\n"
        let a = keys(with1), b = keys(with2)
        XCTAssertNotEqual(a["train"], b["train"])
        XCTAssertNotEqual(a["chart"], b["chart"])
    }

    /// Moving declarations around, or adding a helper no cell calls, reruns nothing.
    func testReorderingAndUnusedHelpersKeepEveryKey() {
        let base = lab()
        XCTAssertEqual(keys(base), keys(base + "\nfunc unused() -> Int { 42 }\n"))
        let moved = base.replacingOccurrences(of: "func baseRate() -> Double { 0.01 }\n", with: "")
            + "\nfunc baseRate() -> Double { 0.01 }\n"
        XCTAssertNotEqual(moved, base)
        XCTAssertEqual(keys(base), keys(moved))
    }

    func testDependenciesNameTheDeclarations() {
        let text = lab()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("Cell(\"chart\")") }! + 1
        let chart = Cell("chart", file: path, line: line) { _ in }
        let identity = CodeIdentity(manifests: [SourceManifest(module: "Lab", files: [.init(path: path, text: text)], dependencies: [])],
                                    experiments: [Experiment("lab", title: "") { chart }])
        let deps = identity.dependencies(of: chart)
        XCTAssertTrue(deps.contains { $0.hasPrefix("func chartTitle (lab.swift:") }, "\(deps)")
        XCTAssertTrue(deps.contains { $0.hasPrefix("let chartTitleSuffix") }, "\(deps)")
        XCTAssertTrue(deps.contains { $0.hasPrefix("import") }, "\(deps)")
        XCTAssertFalse(deps.contains { $0.hasPrefix("func learningRate") }, "\(deps)")
    }
    /// Scope where it is certain: a `private` helper is reached only from its own file, so
    /// another file's private helper of the same name is not this cell's code; a member
    /// (`.fit`) is reached by member use (`x.fit()`), not by a bare local of that name.
    func testPrivateHelpersOfOtherFilesAndBareNamesDoNotReach() {
        let a = "/lab/A.swift", b = "/lab/B.swift"
        func keyOfCell(otherHelper: String, fitBody: String, cellUsesMember: Bool) -> String {
            let textA = """
                import LeptonLab
                private func helper() -> Int { 1 }
                let e = Experiment("e", title: "") {
                    Cell("c") { ctx in
                        let fit = helper()
                        \(cellUsesMember ? "ctx.note(String(Trainerish().fit()))" : "ctx.note(String(fit))")
                    }
                }
                """
            let textB = """
                private func helper() -> Int { \(otherHelper) }
                struct Trainerish { func fit() -> Int { \(fitBody) } }
                """
            let cell = Cell("c", file: a, line: 4) { _ in }
            let identity = CodeIdentity(manifests: [SourceManifest(module: "M", files: [.init(path: a, text: textA), .init(path: b, text: textB)],
                                                                   dependencies: [])],
                                        experiments: [Experiment("e", title: "") { cell }])
            return identity.key(for: cell).digest
        }
        XCTAssertEqual(keyOfCell(otherHelper: "2", fitBody: "0", cellUsesMember: false),
                       keyOfCell(otherHelper: "3", fitBody: "1", cellUsesMember: false),
                       "B's private helper and a member named like a local are not reached")
        XCTAssertNotEqual(keyOfCell(otherHelper: "2", fitBody: "0", cellUsesMember: true),
                          keyOfCell(otherHelper: "2", fitBody: "1", cellUsesMember: true),
                          "Trainerish().fit() reaches the type and its member")
    }
}
