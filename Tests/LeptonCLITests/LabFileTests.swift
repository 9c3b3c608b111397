import Foundation
import XCTest

/// Lab files through the real executable: `lepton run lab.swift` compiles the file against
/// LeptonKit, keys its cells by the compiled code, and runs it with every `run` option.
final class LabFileTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        let kit = LeptonProcess.executable.deletingLastPathComponent().appendingPathComponent("libLeptonKit.so")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: kit.path), "LeptonKit not built at \(kit.path) (swift build --build-tests builds it)")
        dir = try temporaryDirectory("lab")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// A lab with a helper function, a custom layer type and two cells, with a claim on
    /// what the helper computes.
    private func lab(factor: String = "2", slope: String = "0.5", noteText: String = "b") -> String {
        """
        import LeptonCore
        import LeptonLab
        import LeptonNN
        import LeptonTensor

        private let k = Parameter("k", default: 3, range: 1...100)
        private let product = Metric("product")
        private let layerOut = Metric("layer.out")
        private let other = Metric("other")

        func factor() -> Double { \(factor) }

        /// A custom layer: y = slope·x.
        final class Scale: Layer {
            var name = "scale"
            private var out: Tensor?
            func copy() -> Layer { Scale() }
            func forward(_ x: Tensor, training: Bool) -> Tensor {
                let o = Tensor.reuse(out, shape: x.shape)
                out = o
                for i in 0..<x.count { o[i] = \(slope) * x[i] }
                return o
            }
            func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? { g }
        }

        let lab = Experiment("lab", title: "A lab") {
            k
            Cell("a") { ctx in
                ctx.record(product, Double(try ctx[k]) * factor())
                let model = try Sequential([Flatten(), Scale()]).build(inputShape: [1, 1, 1], seed: 1)
                ctx.record(layerOut, Double(model.forward(Tensor(shape: [1, 1, 1, 1], values: [4]), training: false)[0]))
            }
            Cell("b") { ctx in
                ctx.note("\(noteText)")
                ctx.record(other, 1)
            }
            Claim(product, expected: 6, tolerance: 0.01, source: "the lab's expected answer")
        }

        """
    }

    private func write(_ text: String, to name: String = "lab.swift") throws -> URL {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func runJSON(_ file: URL, _ extra: [String] = []) throws -> [String: Any] {
        let r = try LeptonProcess.run(["run", file.path, "--json"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
    }

    private func value(_ json: [String: Any], _ metric: String) -> Double? {
        ((json["metrics"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == metric }?["value"] as? Double
    }

    private func status(_ json: [String: Any], _ cell: String) -> String? {
        ((json["cells"] as? [[String: Any]]) ?? []).first { $0["cell"] as? String == cell }?["status"] as? String
    }

    private func verdict(_ json: [String: Any]) -> String? {
        ((json["claims"] as? [[String: Any]]) ?? []).first?["verdict"] as? String
    }

    /// Issue 10 acceptance 1 (a)–(c) and issue 11 acceptance 3, end to end.
    func testEditsToHelpersTypesAndCellsRerunExactlyWhatTheyReach() throws {
        let file = try write(lab())
        let first = try runJSON(file)
        XCTAssertEqual(value(first, "product"), 6)
        XCTAssertEqual(value(first, "layer.out"), 2)
        XCTAssertEqual(verdict(first), "reproduced")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/lab").path), "reports beside the lab")

        let same = try runJSON(file)
        XCTAssertEqual([status(same, "a"), status(same, "b")], ["cached", "cached"])

        // (a) a helper function outside any cell
        _ = try write(lab(factor: "3"))
        let helper = try runJSON(file)
        XCTAssertEqual(status(helper, "a"), "ran")
        XCTAssertEqual(value(helper, "product"), 9)
        XCTAssertEqual(verdict(helper), "not reproduced")

        // (b) a custom layer type
        _ = try write(lab(factor: "3", slope: "0.25"))
        let layer = try runJSON(file)
        XCTAssertEqual(status(layer, "a"), "ran")
        XCTAssertEqual(value(layer, "layer.out"), 1)

        // (c) only cell b's body: cell a stays cached
        _ = try write(lab(factor: "3", slope: "0.25", noteText: "b, edited"))
        let body = try runJSON(file)
        XCTAssertEqual([status(body, "a"), status(body, "b")], ["cached", "ran"])
        XCTAssertEqual(value(body, "product"), 9)
    }

    /// Issue 11 acceptance 4.
    func testATypeErrorNamesTheLineAndWritesNoRun() throws {
        let broken = lab().replacingOccurrences(of: "ctx.record(other, 1)", with: "ctx.record(other, \"one\")")
        let file = try write(broken, to: "lab3.swift")
        let line = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"one\"") }! + 1
        let r = try LeptonProcess.run(["run", file.path, "--profile", "quick"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("lab3.swift:\(line):"), r.stderr)
        XCTAssertTrue(r.stderr.contains("error: cannot convert value of type 'String'"), r.stderr)
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Reports/lab").path)) ?? []
        XCTAssertEqual(runs, [], "no run folder")
    }

    /// Issue 10 acceptance 3: a misspelt metric in a claim or threshold, or a misspelt
    /// parameter read in a cell, is a compile error that names it.
    func testMisspeltKeysDoNotCompile() throws {
        let cases = [
            ("Claim(product,", "Claim(prodcut,", "cannot find 'prodcut' in scope"),
            ("Claim(product, expected: 6, tolerance: 0.01, source: \"the lab's expected answer\")",
             "Threshold(prduct, absolute: 1)", "cannot find 'prduct' in scope"),
            ("Double(try ctx[k])", "Double(try ctx[kk])", "cannot find 'kk' in scope"),
        ]
        for (original, typo, message) in cases {
            let file = try write(lab().replacingOccurrences(of: original, with: typo), to: "typo.swift")
            let r = try LeptonProcess.run(["run", file.path])
            XCTAssertNotEqual(r.status, 0, typo)
            XCTAssertTrue(r.stderr.contains("typo.swift:") && r.stderr.contains(message), "\(typo): \(r.stderr)")
        }
    }

    /// Issue 11 acceptance 5.
    func testSweepWithTwoJobsEqualsOneJob() throws {
        let text = """
            import LeptonLab
            private let width = Parameter("width", default: 1, range: 1...100)
            private let score = Metric("score")
            private let total = Metric("total")
            let sweep = Experiment("lab-sweep", title: "Sweep") {
                width
                Sweep("width", over: width, [1, 2, 3]) {
                    Cell("score") { ctx in
                        var g = ctx.rng()
                        ctx.record(score, Double(try ctx[width]) + g.nextUnitDouble())
                    }
                }
                Cell("total") { ctx in ctx.record(total, ctx.sweepResults().compactMap { $0[score] }.reduce(0, +)) }
            }

            """
        let file = try write(text, to: "sweep.swift")
        func metrics(_ json: [String: Any]) -> [String] {
            ((json["metrics"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "")@\($0["point"] ?? "-")=\($0["value"] ?? "")" }
        }
        let one = try runJSON(file, ["--jobs", "1", "--reports", dir.appendingPathComponent("one").path])
        let two = try runJSON(file, ["--jobs", "2", "--reports", dir.appendingPathComponent("two").path])
        XCTAssertEqual(metrics(one).count, 4)
        XCTAssertEqual(metrics(one), metrics(two))
    }

    func testNewWritesARunnableLab() throws {
        let r = try LeptonProcess.run(["new", dir.appendingPathComponent("lab3.swift").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try runJSON(dir.appendingPathComponent("lab3.swift"), ["--profile", "quick"])
        XCTAssertEqual(json["experiment"] as? String, "lab3")
        XCTAssertEqual(verdict(json), "reproduced", "\(json["claims"] ?? "")")
        XCTAssertNotEqual(try LeptonProcess.run(["new", dir.appendingPathComponent("lab3.swift").path]).status, 0, "no overwrite")
    }
}
