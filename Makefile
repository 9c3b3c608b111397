# Lepton — the two commands of the README, and a few more.
#   make run    set up, build (release) and run the main job
#   make test   set up and run the test suite
SWIFT ?= swift
LEPTON := .build/release/lepton

.PHONY: run test setup build bench peers screenshot clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product lepton

# The main job: seed-cnn (SEEDS.md 003 §5.2) on the embedded UCI digits.
run: build
	$(LEPTON) train --model seed-cnn --dataset digits --epochs 30 --batch-size 64 --seed 1

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Side-by-side speed against Keras, PyTorch and ONNX Runtime (installs the peers once).
bench: build
	bash scripts/bench-peers.sh

clean:
	rm -rf .build
