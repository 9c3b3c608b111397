// LeptonData: IDX and CSV readers, the data-set catalogue with SHA-256 verification,
// labelled image sets and splits, and the opt-in MNIST downloader. See docs/ARCHITECTURE.md.
