import XCTest
@testable import LeptonLab

final class ExperimentTests: XCTestCase {
    private static let epochs = Parameter("epochs", default: 10, range: 1...100, unit: "epochs")
    private let experiment = Experiment("toy", title: "Toy") {
        ExperimentTests.epochs
        Parameter("rate", default: 0.5, range: 0.0...1.0)
        Parameter("mode", default: "fast", allowed: ["fast", "slow"])
        Parameter("flag", default: false)
        Parameter("bandwidths", default: [1.0, 10.0], range: 0.1...1000.0, unit: "Mbit/s")
        Profile("quick", ExperimentTests.epochs(2))
        Cell("a") { _ in }
    }

    func testPrecedenceDefaultsProfileSet() throws {
        XCTAssertEqual(try experiment.resolve(profile: nil, overrides: [])["epochs"], .int(10))
        XCTAssertEqual(try experiment.resolve(profile: "quick", overrides: [])["epochs"], .int(2))
        let v = try experiment.resolve(profile: "quick", overrides: ["epochs=7", "rate=0.25", "mode=slow", "flag=true", "bandwidths=1,2.5"])
        XCTAssertEqual(v["epochs"], .int(7))
        XCTAssertEqual(v["rate"], .double(0.25))
        XCTAssertEqual(v["mode"], .string("slow"))
        XCTAssertEqual(v["flag"], .bool(true))
        XCTAssertEqual(v["bandwidths"], .doubles([1, 2.5]))
    }

    func testUnknownKeyListsValidParametersWithTypesAndRanges() {
        XCTAssertThrowsError(try experiment.resolve(profile: nil, overrides: ["epoch=3"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("toy has no parameter 'epoch'; did you mean 'epochs'?"), text)
            XCTAssertTrue(text.contains("epochs (integer, 1…100, default 10 epochs)"), text)
            XCTAssertTrue(text.contains("mode (text, one of fast|slow, default fast)"), text)
        }
    }

    func testWrongTypeAndOutOfRange() {
        XCTAssertThrowsError(try experiment.resolve(profile: nil, overrides: ["epochs=ten"])) { error in
            XCTAssertEqual((error as? LabError).map { if case .wrongType = $0 { return true } else { return false } }, true)
            XCTAssertTrue(String(describing: error).contains("'ten' is not an integer"), "\(error)")
        }
        XCTAssertThrowsError(try experiment.resolve(profile: nil, overrides: ["epochs=1000"])) { error in
            XCTAssertTrue(String(describing: error).contains("1000 is outside 1…100"), "\(error)")
        }
        XCTAssertThrowsError(try experiment.resolve(profile: nil, overrides: ["mode=medium"])) { error in
            XCTAssertTrue(String(describing: error).contains("medium is outside {fast, slow}"), "\(error)")
        }
        XCTAssertThrowsError(try experiment.resolve(profile: "huge", overrides: [])) { error in
            XCTAssertEqual(error as? LabError, .unknownProfile(experiment: "toy", name: "huge", suggestion: nil, known: ["quick"]))
        }
    }

    func testValidationCatchesInconsistentDescriptions() {
        let duplicate = Experiment("dup", title: "") {
            Cell("a") { _ in }
            Cell("a") { _ in }
        }
        XCTAssertThrowsError(try duplicate.validate()) { XCTAssertTrue(String(describing: $0).contains("cell 'a' is declared twice")) }
        let y = Parameter("y", default: 1)
        let badSweep = Experiment("sw", title: "") {
            Parameter("x", default: 1)
            Sweep("s", points: [[y(2)]]) { Cell("c") { _ in } }
        }
        XCTAssertThrowsError(try badSweep.validate()) { XCTAssertTrue(String(describing: $0).contains("sets 'y'")) }
        let badClaim = Experiment("cl", title: "") {
            Cell("c") { _ in }
            Claim(Metric("m"), expected: 1, tolerance: 0.1, source: "x", when: [Parameter("dataset", default: "digits")("mnist")])
        }
        XCTAssertThrowsError(try badClaim.validate()) { XCTAssertTrue(String(describing: $0).contains("'dataset'")) }
    }

    func testGridSweepEnumeratesEveryCombination() {
        let a = Parameter("a", default: 1), b = Parameter("b", default: "x")
        let s = Sweep("g", grid: [[a(1), a(2)], [b("x"), b("y"), b("z")]]) { Cell("c") { _ in } }
        XCTAssertEqual(s.points.count, 6)
        XCTAssertEqual(s.points[1], ["a": .int(1), "b": .string("y")])
    }

    func testSuggestionsForTypos() {
        XCTAssertEqual(Suggestion.closest(to: "epoch", in: ["epochs", "rate"]), "epochs")
        XCTAssertEqual(Suggestion.closest(to: "lerning-rate", in: ["learning-rate", "epochs"]), "learning-rate")
        XCTAssertNil(Suggestion.closest(to: "bandwidth", in: ["epochs", "rate"]))
    }
}
