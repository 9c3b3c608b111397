import ArgumentParser
import Foundation
import LeptonData

/// `lepton datasets`: list the catalogued data sets, verify their checksums, fetch MNIST.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List, verify and fetch data sets.",
        subcommands: [List.self, Verify.self, Download.self],
        defaultSubcommand: List.self
    )

    /// Where to find the catalogue and the MNIST cache.
    struct Locations: ParsableArguments {
        @Option(name: .customLong("datasets"),
                help: "The Datasets folder (default: $LEPTON_DATASETS, else the package's Datasets/, else ./Datasets).")
        var datasets: String?

        @Option(name: .customLong("cache"), help: "The MNIST cache folder (default: ~/.cache/lepton/mnist).")
        var cache: String?

        /// The catalogue, with the MNIST cache overridden when `--cache` is given.
        func catalogue() throws -> DatasetCatalogue {
            let directory = datasets.map { URL(fileURLWithPath: $0, isDirectory: true) }
            let overrides = cache.map { ["mnist": URL(fileURLWithPath: $0, isDirectory: true)] } ?? [:]
            return try DatasetCatalogue(directory: directory, locations: overrides)
        }
    }

    /// `lepton datasets list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the catalogued data sets: shape, classes, splits, source and whether present locally.")

        @OptionGroup var locations: Locations

        func run() throws {
            let catalogue = try locations.catalogue()
            print("catalogue: \(catalogue.directory.appendingPathComponent(DatasetCatalogue.fileName).path)")
            let header = ["NAME", "SHAPE", "CLASSES", "TRAIN", "TEST", "STORAGE", "PRESENT", "FOLDER"]
            var rows = [header]
            for descriptor in catalogue.datasets {
                let counts = Dictionary(uniqueKeysWithValues: descriptor.splits.map { ($0.name, $0.count) })
                rows.append([
                    descriptor.name,
                    descriptor.shape.description,
                    String(descriptor.classNames.count),
                    counts["train"].map(String.init) ?? "-",
                    counts["test"].map(String.init) ?? "-",
                    descriptor.storage.rawValue,
                    catalogue.isPresent(descriptor) ? "yes" : "no",
                    catalogue.folder(for: descriptor).path,
                ])
            }
            let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }
                print(cells.joined(separator: "  "))
            }
            print("")
            for descriptor in catalogue.datasets {
                print("\(descriptor.name): \(descriptor.source)")
                if !catalogue.isPresent(descriptor) { print("  not present: \(descriptor.whenMissing)") }
            }
            printTabular(directory: catalogue.directory)
        }

        /// The tabular data sets (Datasets/tabular.json): features, target, size, source.
        private func printTabular(directory: URL) {
            guard let tabular = try? TabularCatalogue(directory: directory), !tabular.datasets.isEmpty else { return }
            print("\ntabular catalogue: \(tabular.directory.appendingPathComponent(TabularCatalogue.fileName).path)")
            for d in tabular.datasets {
                let present = FileManager.default.fileExists(atPath: tabular.url(for: d).path) ? "present" : "NOT PRESENT"
                print("\(d.name): \(d.features.joined(separator: ", ")) → \(d.target); \(d.bytes) B, \(present); \(d.source) (\(d.licence))")
            }
        }
    }

    /// `lepton datasets verify NAME`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the SHA-256 of every file of a data set and compare with the catalogue.",
            discussion: "Exits non-zero, naming the file and both checksums, on any mismatch or missing file. "
                + "Given a path to a folder of IDX files instead of a name, prints their checksums.")

        @Argument(help: "A catalogued data set name, or a path to a folder of MNIST-format IDX files.")
        var name: String

        @OptionGroup var locations: Locations

        func run() throws {
            let catalogue = try locations.catalogue()
            guard catalogue.names.contains(name) else {
                let split = try catalogue.load(name: name)
                print("\(split.name): no recorded checksums; computed (not verified):")
                for (file, sha256) in split.checksums.sorted(by: { $0.key < $1.key }) {
                    print("  \(sha256)  \(file)")
                }
                return
            }
            let descriptor = try catalogue.descriptor(named: name)
            let folder = catalogue.folder(for: descriptor)
            for file in try catalogue.verify(name: name) {
                print("ok  \(file.sha256)  \(file.bytes) bytes  \(folder.appendingPathComponent(file.name).path)")
            }
            print("\(name): all \(descriptor.files.count) file(s) match the catalogue")
        }
    }

    /// `lepton datasets download mnist [--cache DIR]`.
    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the original MNIST (opt-in; about 11 MB) into a local cache, verifying every file.")

        @Argument(help: "The data set to fetch; only 'mnist' is downloadable.")
        var name: String

        @OptionGroup var locations: Locations

        @Option(name: .customLong("mirror"),
                help: "A base URL to fetch from instead of the catalogue's mirrors (repeatable; file:// works).")
        var mirrors: [String] = []

        func validate() throws {
            guard name == "mnist" else {
                throw ValidationError(
                    "'\(name)' cannot be downloaded: only 'mnist' is. fashion-mnist comes from "
                        + "`apt-get install dataset-fashion-mnist`; digits is embedded in Datasets/.")
            }
            for mirror in mirrors where URL(string: mirror)?.scheme == nil {
                throw ValidationError("--mirror '\(mirror)' is not a URL; expected e.g. https://host/mnist/ or file:///path/")
            }
        }

        func run() throws {
            let catalogue = try locations.catalogue()
            let descriptor = try catalogue.descriptor(named: name)
            let catalogueMirrors = (descriptor.mirrors ?? []).compactMap { URL(string: $0) }
            let chosen = mirrors.isEmpty ? catalogueMirrors : mirrors.compactMap { URL(string: $0) }
            let downloader = MNISTDownloader(mirrors: chosen.isEmpty ? MNISTDownloader.defaultMirrors : chosen,
                                             files: descriptor.files,
                                             cacheDirectory: catalogue.folder(for: descriptor))
            try downloader.download { event in
                switch event {
                case let .alreadyPresent(file, path):
                    print("ok        \(file) (already in \(path.deletingLastPathComponent().path))")
                case let .fetching(file, url):
                    print("fetching  \(file) from \(url.absoluteString)")
                case let .attemptFailed(attempt):
                    print("failed    \(attempt.failure)")
                case let .saved(file, path):
                    print("saved     \(file) → \(path.path) (checksum verified)")
                }
            }
            print("mnist is ready in \(downloader.cacheDirectory.path); load it with the name 'mnist'")
        }
    }
}
