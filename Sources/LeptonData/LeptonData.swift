// LeptonData module. See docs/ARCHITECTURE.md.
