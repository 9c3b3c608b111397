// LeptonReport module. See docs/ARCHITECTURE.md.
