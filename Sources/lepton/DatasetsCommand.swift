import ArgumentParser

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "List, verify and fetch data sets.")
    func run() throws {}
}
