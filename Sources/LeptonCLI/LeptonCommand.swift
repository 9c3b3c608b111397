import ArgumentParser
import LeptonLab

/// The `lepton` command-line tool. Only this module prints or exits.
public struct LeptonCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lepton",
        abstract: "Reproducible edge/cloud machine-learning experiments.",
        subcommands: [ListCommand.self, RunCommand.self, ShowCommand.self, ReproduceCommand.self, CollectCommand.self, NewCommand.self,
                      CompareCommand.self, CheckCommand.self, BaselineCommand.self, TrendCommand.self,
                      EvaluateCommand.self, PredictCommand.self, ScheduleCommand.self,
                      TrainCommand.self, ProfileCommand.self, BenchCommand.self, DatasetsCommand.self, ReportCommand.self]
    )

    public init() {}
}

/// The entry point for `lepton` and for downstream packages with their own experiments:
/// `LeptonCLI.main(experiments: myExperiments)` is a whole `main.swift`.
public enum LeptonCLI {
    nonisolated(unsafe) static var experiments: [Experiment] = []

    /// Runs the command line with `experiments` as the catalogue.
    public static func main(experiments: [Experiment]) {
        self.experiments = experiments
        LeptonCommand.main()
    }
}
