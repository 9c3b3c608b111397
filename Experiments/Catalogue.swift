import LeptonLab

/// Every shipped experiment, in the order `lepton list` shows them. `lepton new NAME`
/// adds new ones to this list.
public enum Catalogue {
    public static let experiments: [Experiment] = [
        seedCNN,
        widthSweep,
        scheduling003,
        splitInference,
        schedulingHeuristics,
        transferTime,
        edgeCompression,
        edgePreprocessing,
        edgeCloudPipeline,
        sensorRegression,
        federatedLearning,
    ]
}
