// LeptonTensor module. See docs/ARCHITECTURE.md.
