# Lepton — the two commands of the README, and a few more.
#   make run    set up, build (release) and run the main job
#   make test   set up and run the test suite
SWIFT ?= swift
LEPTON := .build/release/lepton

PREFIX ?= /usr/local

.PHONY: run test setup build install bench bench-quick peers peers-004 screenshot clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product lepton
	$(SWIFT) build -c release --product LeptonKit

# lepton with what lab files need: bin/lepton, lib/lepton/ (libLeptonKit.so, the Swift
# modules, the C module maps), share/lepton/Datasets, share/doc/lepton/TEACHING.md. Then `lepton run lab.swift` works
# from any directory.
install: build
	bash scripts/install.sh .build/release $(PREFIX)
	@echo "installed lepton in $(PREFIX)/bin; try: lepton new lab3.swift && lepton run lab3.swift --profile quick"

# The main job: the quick profile of every shipped experiment (seed-cnn on the embedded digits, …).
run: build
	$(LEPTON) run --all --profile quick

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Side-by-side speed against Keras, PyTorch and ONNX Runtime (installs the peers once): the
# seed CNN recipe, then the model-shape suite (docs/BENCHMARKS.md). `make bench-quick`: the
# suite alone on 6400 training images, AVX2-pinned (a few minutes).
bench: build
	bash scripts/bench-peers.sh
	QUICK=0 bash scripts/bench-suite.sh

bench-quick: build
	QUICK=1 bash scripts/bench-suite.sh

# 004 side by side: the sensor regressor in Keras, FedAvg in PyTorch (docs/FEDERATED.md).
peers-004: build
	bash scripts/peers-004.sh

clean:
	rm -rf .build
