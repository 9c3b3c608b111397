import Experiments
import LeptonCLI

LeptonCLI.main(experiments: Catalogue.experiments, sources: [Catalogue.sources], ledger: Catalogue.ledger)
