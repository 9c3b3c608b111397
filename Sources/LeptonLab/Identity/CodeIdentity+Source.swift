extension CodeIdentity {
    /// The source of `experiment` as compiled into this binary: the lab file that declares
    /// its cells (module "Lab", written by `lepton run FILE.swift`) or the module's name;
    /// nil without a manifest.
    public func source(of experiment: Experiment) -> RunSource? {
        guard let cell = experiment.cells.first,
              let manifest = manifests.first(where: { m in m.files.contains { $0.path == cell.file } }) else { return nil }
        if manifest.module == "Lab", let file = manifest.files.first(where: { $0.path == cell.file }) {
            return .lab(path: file.path, sha256: file.sha256)
        }
        return .module(manifest.module)
    }
}
