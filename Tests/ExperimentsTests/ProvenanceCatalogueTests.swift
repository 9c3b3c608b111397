import Foundation
import LeptonLab
import XCTest
@testable import Experiments

/// The shipped catalogue's claims: each declares its provenance and what the document
/// claims, quotes its document verbatim, and no claim declared measured or modelled is
/// computed from constants alone.
final class ProvenanceCatalogueTests: XCTestCase {
    private var reports: URL!

    override func setUpWithError() throws {
        reports = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-provenance-tests-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: reports)
    }

    func testEveryShippedClaimDeclaresProvenanceAndWhatTheDocumentClaims() {
        for e in Catalogue.experiments {
            for claim in e.claims {
                XCTAssertNotNil(claim.provenance, "\(e.id): '\(claim.statement)' declares no provenance")
                if claim.kind == .claim {
                    XCTAssertNotNil(claim.claimedText, "\(e.id): '\(claim.statement)' does not say what the document claims")
                }
            }
        }
    }

    /// Every quote is in its document (whitespace ignored): `../shared/seeds/NNN_*.txt`.
    func testEveryQuoteIsVerbatimInItsDocument() throws {
        guard let seeds = LedgerSources.defaultSeedsFolder, FileManager.default.fileExists(atPath: seeds.path) else {
            throw XCTSkip("the source documents are not next to the package (../shared/seeds/)")
        }
        XCTAssertEqual(Catalogue.ledger.unverifiedQuotes(in: seeds), [])
    }

    /// Every CLAIMS.md id has a quote, and either a claim citing it or a stated reason why not.
    func testEveryClaimsMDIdEndsWithAVerdictOrAReason() throws {
        guard let url = ClaimsLedger.defaultPath, let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("../shared/CLAIMS.md is not next to the package")
        }
        let ids = ClaimsLedger.parse(text).statements.map(\.id)
        let cited = Set(Catalogue.experiments.flatMap(\.claims).filter { $0.kind == .claim }.compactMap { ClaimsLedger.statementID(in: $0.source) })
        for id in ids {
            XCTAssertNotNil(SourceQuotes.quotes[id], "\(id) has no quote of the document")
            XCTAssertTrue(cited.contains(id) || SourceQuotes.uncheckable[id] != nil, "\(id): no claim cites it and no reason is given")
            XCTAssertFalse(cited.contains(id) && SourceQuotes.uncheckable[id] != nil, "\(id): cited by a claim and also called uncheckable")
        }
        XCTAssertEqual(Set(SourceQuotes.quotes.keys).subtracting(ids), [], "quotes for ids CLAIMS.md does not list")
    }

    /// Acceptance 2 on the shipped experiments whose quick profile takes under a second: run
    /// each as configured and with the seed and every numeric parameter moved; a claim
    /// declared measured or modelled whose value stays put is computed from constants.
    func testNoMeasuredOrModelledClaimIsComputedFromConstants() throws {
        let fast = ["log-003", "formulas-000", "formulas-001-002", "scheduling-003", "allocation-003", "edge-vs-cloud"]
        for id in fast {
            let e = try XCTUnwrap(Catalogue.experiments.first { $0.id == id })
            let base = try Runner(experiment: e, options: RunOptions(profile: "quick", seed: 1, useCache: false, threads: 1,
                                                                     reports: reports)).run()
            let moved = try Runner(experiment: e, options: RunOptions(profile: "quick", overrides: ProvenanceProbe.perturbations(of: e, profile: "quick"),
                                                                      seed: 2, useCache: false, threads: 1, reports: reports)).run()
            XCTAssertEqual(ProvenanceProbe.constantClaims(base: base, perturbed: moved), [], id)
        }
    }
}
