// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lepton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lepton", targets: ["lepton"]),
        .library(name: "LeptonTensor", targets: ["LeptonTensor"]),
        .library(name: "LeptonNN", targets: ["LeptonNN"]),
        .library(name: "LeptonData", targets: ["LeptonData"]),
        .library(name: "LeptonCharts", targets: ["LeptonCharts"]),
        .library(name: "LeptonReport", targets: ["LeptonReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian packages (installed by scripts/setup.sh).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGD", path: "Sources/CGD", pkgConfig: "gdlib",
                       providers: [.apt(["libgd-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        .target(name: "LeptonTensor", dependencies: ["CBLAS"]),
        .target(name: "LeptonNN", dependencies: ["LeptonTensor"]),
        .target(name: "LeptonData", dependencies: ["CZlib"]),
        .target(name: "LeptonCharts", dependencies: ["CGD"]),
        .target(name: "LeptonReport", dependencies: ["LeptonCharts"]),
        .executableTarget(name: "lepton", dependencies: [
            "LeptonTensor", "LeptonNN", "LeptonData", "LeptonCharts", "LeptonReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "LeptonTensorTests", dependencies: ["LeptonTensor"]),
        .testTarget(name: "LeptonNNTests", dependencies: ["LeptonNN", "LeptonTensor"]),
        .testTarget(name: "LeptonDataTests", dependencies: ["LeptonData"]),
        .testTarget(name: "LeptonChartsTests", dependencies: ["LeptonCharts", "CGD"]),
        .testTarget(name: "LeptonReportTests", dependencies: ["LeptonReport", "LeptonCharts"]),
        .testTarget(name: "LeptonCLITests", dependencies: ["LeptonData"]),
    ]
)
