// LeptonCharts module. See docs/ARCHITECTURE.md.
