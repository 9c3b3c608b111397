// LeptonNN module. See docs/ARCHITECTURE.md.
