// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lepton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lepton", targets: ["lepton"]),
        .library(name: "LeptonCore", targets: ["LeptonCore"]),
        .library(name: "LeptonInput", targets: ["LeptonInput"]),
        .library(name: "LeptonTensor", targets: ["LeptonTensor"]),
        .library(name: "LeptonNN", targets: ["LeptonNN"]),
        .library(name: "LeptonData", targets: ["LeptonData"]),
        .library(name: "LeptonCharts", targets: ["LeptonCharts"]),
        .library(name: "LeptonReport", targets: ["LeptonReport"]),
        .library(name: "LeptonEmulation", targets: ["LeptonEmulation"]),
        .library(name: "LeptonFederated", targets: ["LeptonFederated"]),
        .library(name: "LeptonScheduling", targets: ["LeptonScheduling"]),
        .library(name: "LeptonTransferLab", targets: ["LeptonTransferLab"]),
        .library(name: "LeptonLab", targets: ["LeptonLab"]),
        .library(name: "LeptonCLI", targets: ["LeptonCLI"]),
        .plugin(name: "LeptonSourceManifest", targets: ["LeptonSourceManifest"]),
        // Every library in one shared object, for lab files compiled by `lepton run LAB.swift`.
        .library(name: "LeptonKit", type: .dynamic, targets: [
            "LeptonCLI", "LeptonLab", "LeptonCore", "LeptonInput", "LeptonTensor", "LeptonNN", "LeptonData", "LeptonCharts", "LeptonReport",
            "LeptonEmulation", "LeptonScheduling", "LeptonTransferLab", "LeptonFederated",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML's flow syntax is a superset of JSON: Yams (libyaml) reads user JSON with line and column marks.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Parses lab and experiment sources for per-cell code identity (CodeIdentity).
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        // The small HTTP server behind `lepton watch` (no SwiftNIO: builds in seconds).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian packages (installed by scripts/setup.sh).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGD", path: "Sources/CGD", pkgConfig: "gdlib",
                       providers: [.apt(["libgd-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // Units and record types shared by every module: one type per concept.
        .target(name: "LeptonCore"),
        // One checking policy for every file a user gives Lepton (docs/INPUTS.md): strict JSON
        // with positions, unknown keys with suggestions, one error type.
        // Lab files compiled against LeptonKit load Yams's C module CYaml through this target:
        // LabToolkit and `make install` provide its module map (include/CYaml).
        .target(name: "LeptonInput", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Lepton's own C kernels (direct convolution), one build per x86 level chosen at load.
        .target(name: "CLeptonKernels"),
        .target(name: "LeptonTensor", dependencies: ["CBLAS", "CLeptonKernels", "LeptonCore"]),
        .target(name: "LeptonNN", dependencies: ["LeptonCore", "LeptonTensor", "LeptonInput"]),
        .target(name: "LeptonData", dependencies: ["CZlib", "LeptonInput"]),
        .target(name: "LeptonCharts", dependencies: ["CGD", "LeptonCore"]),
        .target(name: "LeptonReport", dependencies: ["LeptonCore", "LeptonCharts"]),
        .target(name: "LeptonEmulation", dependencies: ["LeptonCore", "LeptonNN", "LeptonTensor"]),
        // Comparison/ renders its schedules as a report (Gantt charts), hence LeptonReport and LeptonCharts.
        .target(name: "LeptonScheduling", dependencies: ["LeptonCore", "LeptonInput", "LeptonCharts", "LeptonReport"]),
        // The transfer-time measurement lab: real TCP transfers over loopback or shaped network
        // namespaces with a peer process, against the transfer models of docs/SCHEDULING.md.
        .target(name: "LeptonTransferLab", dependencies: ["LeptonCore", "LeptonScheduling"]),
        .target(name: "LeptonFederated", dependencies: ["LeptonCore", "LeptonNN", "LeptonTensor", "LeptonEmulation"]),
        .target(name: "LeptonLab", dependencies: [
            "LeptonCore", "LeptonInput", "LeptonTensor", "LeptonNN", "LeptonData", "LeptonCharts", "LeptonReport",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
        // The command-line tool as a library, so a downstream package can run its own
        // experiments with the same CLI from a one-line main.
        .target(name: "LeptonCLI", dependencies: [
            // The command line parses and prints; LeptonLab's entry points do the work (plus the
            // facades DatasetCatalogue for `datasets`, ScheduleComparison for `schedule`, Report for `report`).
            "LeptonLab", "LeptonData", "LeptonReport", "LeptonScheduling",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // Embeds what an experiments module was compiled from (its sources and the digests
        // of everything it depends on), so cell caches are keyed by the code that runs.
        .executableTarget(name: "LeptonSourceManifestTool", dependencies: ["LeptonData"],
                          path: "Plugins/LeptonSourceManifestTool"),
        .plugin(name: "LeptonSourceManifest", capability: .buildTool(), dependencies: ["LeptonSourceManifestTool"]),
        // The shipped experiments: Swift files in Experiments/, listed in Catalogue.swift.
        .target(name: "Experiments", dependencies: [
            "LeptonCore", "LeptonLab", "LeptonNN", "LeptonTensor", "LeptonData", "LeptonCharts", "LeptonEmulation",
            "LeptonScheduling", "LeptonTransferLab", "LeptonFederated",
        ], path: "Experiments", plugins: ["LeptonSourceManifest"]),
        .executableTarget(name: "lepton", dependencies: ["LeptonCLI", "Experiments"]),
        // A fuzz target per loader (docs/INPUTS.md): mutated copies of Tests/Fuzz/corpus, run by .ci/run.
        .executableTarget(name: "lepton-fuzz", dependencies: [
            "LeptonCore", "LeptonInput", "LeptonScheduling", "LeptonData", "LeptonNN", "LeptonLab",
        ], path: "Sources/LeptonFuzz"),

        .testTarget(name: "LeptonCoreTests", dependencies: ["LeptonCore"]),
        .testTarget(name: "LeptonInputTests", dependencies: ["LeptonInput"]),
        .testTarget(name: "LeptonTensorTests", dependencies: ["LeptonCore", "LeptonTensor"]),
        .testTarget(name: "LeptonNNTests", dependencies: ["LeptonCore", "LeptonNN", "LeptonTensor"]),
        .testTarget(name: "LeptonDataTests", dependencies: ["LeptonData"]),
        .testTarget(name: "LeptonChartsTests", dependencies: ["LeptonCharts", "CGD"]),
        .testTarget(name: "LeptonReportTests", dependencies: ["LeptonReport", "LeptonCharts"]),
        .testTarget(name: "LeptonEmulationTests", dependencies: ["LeptonCore", "LeptonEmulation", "LeptonNN", "LeptonTensor"]),
        .testTarget(name: "LeptonSchedulingTests", dependencies: ["LeptonCore", "LeptonScheduling"]),
        .testTarget(name: "LeptonTransferLabTests", dependencies: ["LeptonCore", "LeptonScheduling", "LeptonTransferLab"]),
        .testTarget(name: "LeptonFederatedTests", dependencies: ["LeptonCore", "LeptonFederated", "LeptonNN", "LeptonTensor", "LeptonEmulation"]),
        .testTarget(name: "LeptonLabTests", dependencies: ["LeptonCore", "LeptonLab", "LeptonNN", "LeptonTensor", "LeptonData", "LeptonCharts"]),
        .testTarget(name: "LeptonCLITests", dependencies: ["LeptonData"], exclude: ["Fixtures"]),
        // The shipped experiments' source checks: each changes one printed input and watches the verdict move.
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "LeptonLab", "LeptonScheduling"]),
    ]
)
