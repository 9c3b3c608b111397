import ArgumentParser

/// The `lepton` command-line tool. Only this target prints or exits.
@main
struct Lepton: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lepton",
        abstract: "Reproducible edge/cloud machine-learning experiments.",
        subcommands: [TrainCommand.self, ProfileCommand.self, BenchCommand.self, DatasetsCommand.self, ReportCommand.self]
    )
}
