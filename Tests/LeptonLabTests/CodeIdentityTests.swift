import Foundation
import XCTest
@testable import LeptonLab

/// The cache key of a cell covers the code it can execute, as compiled (the manifest's
/// text), not the file on disk.
final class CodeIdentityTests: XCTestCase {
    private let path = "/lab/Exp.swift"

    private func source(helper: String, bodyA: String, bodyB: String) -> String {
        """
        func factor() -> Double { \(helper) }
        let e = Experiment("e", title: "") {
            Cell("a") { ctx in
                \(bodyA)
            }
            Cell("b") { ctx in
                \(bodyB)
            }
        }
        """
    }

    /// Cells declared at lines 3 and 6 of `text`, keyed through a manifest of `text`.
    private func keys(_ text: String, dependencies: [SourceManifest.Digest] = []) -> (a: String, b: String) {
        let a = Cell("a", file: path, line: 3) { _ in }
        let b = Cell("b", file: path, line: 6) { _ in }
        let e = Experiment("e", title: "") { a; b }
        let manifest = SourceManifest(module: "Labs", files: [.init(path: path, text: text)], dependencies: dependencies)
        let identity = CodeIdentity(manifests: [manifest], experiments: [e])
        XCTAssertEqual(identity.key(for: a).coverage, .manifest)
        return (identity.key(for: a).digest, identity.key(for: b).digest)
    }

    func testHelperEditChangesTheKeyOfTheCellsThatCallIt() {
        let before = keys(source(helper: "2", bodyA: "ctx.note(\"\\(factor())\")", bodyB: "ctx.note(\"b\")"))
        let after = keys(source(helper: "3", bodyA: "ctx.note(\"\\(factor())\")", bodyB: "ctx.note(\"b\")"))
        XCTAssertNotEqual(before.a, after.a, "cell a calls factor() in an interpolation")
        XCTAssertEqual(before.b, after.b, "cell b cannot reach factor()")
    }

    func testEditingOneCellsBodyKeepsTheOthersKey() {
        let before = keys(source(helper: "2", bodyA: "ctx.note(\"a\")", bodyB: "ctx.note(\"b\")"))
        let after = keys(source(helper: "2", bodyA: "ctx.note(\"a\")", bodyB: "ctx.note(\"b, edited { with a brace\")"))
        XCTAssertEqual(before.a, after.a, "cell a cannot execute cell b's body")
        XCTAssertNotEqual(before.b, after.b)
    }

    func testLibraryChangeChangesEveryKey() {
        let text = source(helper: "2", bodyA: "1", bodyB: "2")
        let one = keys(text, dependencies: [.init(path: "/Sources/LeptonNN/Dense.swift", sha256: "aa")])
        let two = keys(text, dependencies: [.init(path: "/Sources/LeptonNN/Dense.swift", sha256: "bb")])
        XCTAssertNotEqual(one.a, two.a)
        XCTAssertNotEqual(one.b, two.b)
    }

    func testCellOutsideEveryManifestIsKeyedByTheExecutable() {
        let cell = Cell("t") { _ in }
        let key = CodeIdentity.executableOnly.key(for: cell)
        XCTAssertEqual(key.coverage, .executable)
        XCTAssertEqual(key.digest, CodeIdentity.executableOnly.key(for: cell).digest)
    }

    /// Sources edited after the build: the run warns and names the file.
    func testSourcesEditedButNotRebuiltAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Lab.swift"), library = dir.appendingPathComponent("Dense.swift")
        try "let x = 1\n".write(to: file, atomically: true, encoding: .utf8)
        try "struct Dense {}\n".write(to: library, atomically: true, encoding: .utf8)
        let manifest = SourceManifest(module: "Labs", files: [.init(path: file.path, text: "let x = 1\n")],
                                      dependencies: [.init(path: library.path, sha256: SourceManifest.File(path: "", text: "struct Dense {}\n").sha256)])
        let identity = CodeIdentity(manifests: [manifest], experiments: [])
        XCTAssertEqual(identity.staleSourceWarnings(), [])
        try "let x = 2\n".write(to: file, atomically: true, encoding: .utf8)
        try "struct Dense { var y = 0 }\n".write(to: library, atomically: true, encoding: .utf8)
        let warnings = identity.staleSourceWarnings()
        XCTAssertEqual(warnings.count, 2)
        XCTAssertTrue(warnings[0].hasPrefix(file.path) && warnings[0].contains("rebuild"), warnings[0])
        XCTAssertTrue(warnings[1].hasPrefix(library.path), warnings[1])
    }

    func testBraceRangeSkipsStringsCommentsAndInterpolation() {
        let text = """
            Cell("a") { ctx in
                let s = "}}} \\(ctx.cell) {"
                // a comment with }
                let m = \"\"\"
                    } not code \\(1 + (2)) {
                    \"\"\"
                /* } */ _ = m
            }
            let after = 1
            """
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(SourceText.braceRange(in: lines, from: 1), 1...8)
    }
}

/// Issue 10 acceptance 1 (d) through the runner: a source file that differs from the one
/// compiled in makes the run warn, naming the file, in results.json.
final class StaleSourceRunTests: LabTestCase {
    func testARunWithSourcesEditedSinceTheBuildWarnsAndNamesTheFile() throws {
        let file = reports.appendingPathComponent("Lab.swift")
        let compiled = "let x = 1\n"
        try compiled.write(to: file, atomically: true, encoding: .utf8)
        let measure = Metric("x")
        let cell = Cell("c", file: file.path, line: 1) { ctx in ctx.record(measure, 1) }
        let e = Experiment("stale", title: "") { cell }
        let identity = CodeIdentity(manifests: [SourceManifest(module: "Labs", files: [.init(path: file.path, text: compiled)], dependencies: [])],
                                    experiments: [e])
        XCTAssertEqual(try run(e, identity: identity).record.warnings ?? [], [])
        try "let x = 2\n".write(to: file, atomically: true, encoding: .utf8)
        let warnings = try run(e, identity: identity).record.warnings ?? []
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.hasPrefix(file.path) == true && warnings.first?.contains("rebuild") == true, "\(warnings)")
    }
}
