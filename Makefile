# Lepton — the two commands of the README, and a few more.
#   make run    set up, build (release) and run the main job
#   make test   set up and run the test suite
SWIFT ?= swift
LEPTON := .build/release/lepton

PREFIX ?= /usr/local

.PHONY: run test setup build install bench peers peers-004 screenshot clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product lepton
	$(SWIFT) build -c release --product LeptonKit

# lepton with what lab files need: bin/lepton, lib/lepton/ (libLeptonKit.so, the Swift
# modules, the C module maps), share/lepton/Datasets. Then `lepton run lab.swift` works
# from any directory.
install: build
	install -d $(PREFIX)/bin $(PREFIX)/lib/lepton/Modules $(PREFIX)/share/lepton
	install -m 755 .build/release/lepton $(PREFIX)/bin/lepton
	install -m 755 .build/release/libLeptonKit.so $(PREFIX)/lib/lepton/
	cp -R .build/release/Modules/. $(PREFIX)/lib/lepton/Modules/
	for m in CBLAS CGD CZlib; do install -d $(PREFIX)/lib/lepton/include/$$m; \
	    install -m 644 Sources/$$m/module.modulemap Sources/$$m/shim.h $(PREFIX)/lib/lepton/include/$$m/; done
	install -d $(PREFIX)/lib/lepton/include/CLeptonKernels
	install -m 644 Sources/CLeptonKernels/include/* $(PREFIX)/lib/lepton/include/CLeptonKernels/
	install -d $(PREFIX)/lib/lepton/include/CYaml
	install -m 644 .build/checkouts/Yams/Sources/CYaml/include/* $(PREFIX)/lib/lepton/include/CYaml/
	rm -rf $(PREFIX)/share/lepton/Datasets && cp -R Datasets $(PREFIX)/share/lepton/Datasets
	@echo "installed lepton in $(PREFIX)/bin; try: lepton new lab3.swift && lepton run lab3.swift --profile quick"

# The main job: the quick profile of every shipped experiment (seed-cnn on the embedded digits, …).
run: build
	$(LEPTON) run --all --profile quick

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

# Side-by-side speed against Keras, PyTorch and ONNX Runtime (installs the peers once).
bench: build
	bash scripts/bench-peers.sh

# 004 side by side: the sensor regressor in Keras, FedAvg in PyTorch (docs/FEDERATED.md).
peers-004: build
	bash scripts/peers-004.sh

clean:
	rm -rf .build
