import Foundation

/// `lepton run NAME --kubernetes FILE --kubernetes-image IMAGE`: a manifest of two Jobs
/// for a sweep. The first is an Indexed Job with one completion per sweep point, each pod
/// running `lepton run NAME --point $JOB_COMPLETION_INDEX`; the second runs
/// `lepton collect NAME` and is written suspended, to be resumed once the first has
/// completed (Kubernetes has no dependency between Jobs). Both mount one
/// ReadWriteMany claim at `/reports` — the shared reports folder and cell cache — and
/// request `--threads` CPUs. Written as YAML documents in JSON form (JSON is YAML).
struct KubernetesManifest {
    /// What the pods run (`executable` is the path inside the image).
    let job: ClusterJob
    /// The container image holding lepton (or the compiled lab).
    let image: String
    /// The PersistentVolumeClaim mounted at `/reports`.
    let claim: String
    /// A suffix that keeps the Job names of two submissions apart.
    let suffix: String

    /// Where the claim is mounted in the pods.
    static let mount = "/reports"

    /// The points Job's name.
    var pointsName: String { name("points") }
    /// The collect Job's name.
    var collectName: String { name("collect") }

    private func name(_ role: String) -> String {
        let base = job.experiment.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String("lepton-\(String(base))-\(role)-\(suffix)".prefix(63)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// The manifest text: the points Job, then the collect Job.
    func text() throws(ClusterError) -> String {
        let points = jobObject(name: pointsName, command: job.pointCommand(point: "\"$JOB_COMPLETION_INDEX\"", reports: Self.mount), indexed: true)
        let collect = jobObject(name: collectName, command: job.collectCommand(reports: Self.mount), indexed: false)
        var documents: [String] = []
        for object in [points, collect] {
            do {
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                documents.append(String(decoding: data, as: UTF8.self))
            } catch {
                throw .cannotWrite(path: "manifest", reason: "\(error)")
            }
        }
        return "# Written by lepton for \(job.experiment); see docs/CLUSTER.md.\n"
            + documents.map { "---\n" + $0 + "\n" }.joined()
    }

    /// Writes the manifest to `path` (whole, or not at all).
    func write(to path: String) throws(ClusterError) {
        let text = try text()
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .cannotWrite(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// What to tell the user after writing.
    func followText(path: String) -> String {
        """
        wrote \(path): Indexed Job \(pointsName) (\(job.pointCount) points) and suspended Job \(collectName)
        run:     kubectl apply -f \(Shell.quote(path))
        follow:  kubectl get pods -l job-name=\(pointsName) -w
        collect: kubectl wait --for=condition=complete --timeout=24h job/\(pointsName) && \
        kubectl patch job \(collectName) --type=merge -p '{"spec":{"suspend":false}}'
        """
    }

    private func jobObject(name: String, command: String, indexed: Bool) -> [String: Any] {
        let cpu = String(job.threads)
        let container: [String: Any] = [
            "name": "lepton",
            "image": image,
            "command": ["/bin/sh", "-c", "exec " + command],
            "resources": ["requests": ["cpu": cpu], "limits": ["cpu": cpu]],
            "volumeMounts": [["name": "reports", "mountPath": Self.mount]],
        ]
        var spec: [String: Any] = [
            "backoffLimit": 0,
            "template": [
                "metadata": ["labels": ["app.kubernetes.io/name": "lepton", "lepton/experiment": String(job.experiment.prefix(63))]],
                "spec": [
                    "restartPolicy": "Never",
                    "containers": [container],
                    "volumes": [["name": "reports", "persistentVolumeClaim": ["claimName": claim]]],
                ] as [String: Any],
            ] as [String: Any],
        ]
        if indexed {
            spec["completionMode"] = "Indexed"
            spec["completions"] = job.pointCount
            spec["parallelism"] = job.pointCount
        } else {
            spec["suspend"] = true
        }
        return ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": name], "spec": spec]
    }
}
