import ArgumentParser
import Foundation
import LeptonLab

/// `lepton run`'s flags for handing a sweep to a cluster (docs/CLUSTER.md).
struct ClusterFlags: ParsableArguments {
    @Flag(help: "Submit to Slurm: a job array with one task per sweep point, then a collect job that depends on the array's id.")
    var slurm = false
    @Option(name: .customLong("slurm-option"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An extra sbatch option for both jobs, e.g. --slurm-option=--partition=debug (repeatable).", valueName: "--option=value"))
    var slurmOptions: [String] = []
    @Option(help: ArgumentHelp("Write a Kubernetes manifest for the sweep (an Indexed Job and a suspended collect Job) to this file.", valueName: "file"))
    var kubernetes: String?
    @Option(help: "The container image for --kubernetes (it must hold lepton, or the compiled lab).")
    var kubernetesImage: String?
    @Option(help: "The path of lepton inside the image, for --kubernetes.")
    var kubernetesLepton = "lepton"
    @Option(help: "The ReadWriteMany PersistentVolumeClaim mounted at /reports in every pod, for --kubernetes.")
    var kubernetesClaim = "lepton-reports"

    /// Whether this invocation goes to a cluster rather than running here.
    var requested: Bool { slurm || kubernetes != nil }

    /// Rejects combinations that cannot work; `others` are the run flags given that a
    /// cluster submission cannot honour (name, as typed).
    func check(others: [String]) throws {
        if slurm, kubernetes != nil { throw ValidationError(ClusterError.conflictingFlags("--slurm", "--kubernetes").description) }
        if !slurm, let o = slurmOptions.first { throw ValidationError("--slurm-option '\(o)' needs --slurm") }
        guard requested else {
            if kubernetesImage != nil { throw ValidationError("--kubernetes-image needs --kubernetes FILE") }
            return
        }
        let mode = slurm ? "--slurm" : "--kubernetes"
        if let other = others.first { throw ValidationError(ClusterError.conflictingFlags(mode, other).description) }
        if kubernetes != nil, (kubernetesImage ?? "").isEmpty {
            throw ValidationError(ClusterError.missingValue(flag: "--kubernetes", needed: "--kubernetes-image IMAGE (an image holding lepton)").description)
        }
        do { for o in slurmOptions { try SlurmSubmission.check(o) } } catch { throw ValidationError(error.description) }
    }

    /// Submits `experiment` (Slurm) or writes its manifest (Kubernetes); prints what to do next.
    func submit(_ experiment: Experiment, flags: RunFlags) throws {
        _ = try Runner(experiment: experiment, options: flags.options()).validate()   // bad --set/--profile: nothing submitted
        if slurm {
            let submission = try SlurmSubmission(job: ClusterJob(experiment: experiment, flags: flags), options: slurmOptions)
            print(submission.followText(try submission.submit()))
            return
        }
        guard let file = kubernetes, let image = kubernetesImage else { return }
        guard experiment.sweep != nil else {
            throw ValidationError("--kubernetes writes an Indexed Job over a sweep, and \(experiment.id) has none: run it as a plain Job with `lepton run \(experiment.id)`")
        }
        let job = ClusterJob(experiment: experiment, flags: flags, executable: kubernetesLepton)
        let suffix = String(UUID().uuidString.lowercased().prefix(5))
        let manifest = KubernetesManifest(job: job, image: image, claim: kubernetesClaim, suffix: suffix)
        try manifest.write(to: file)
        print(manifest.followText(path: file))
    }
}
