#!/usr/bin/env bash
# Side-by-side speed of Lepton against Keras/TensorFlow, PyTorch and ONNX Runtime on the
# same recipe (SEEDS.md 003 §5.2 on Fashion-MNIST, Adam 1e-3, batch 64, 10 epochs, 2 threads),
# one after the other in one session. Needs ../shared/bench beside the repository.
#   scripts/bench-peers.sh                 # full run (about 15 minutes)
#   EPOCHS=3 REPEATS=1 scripts/bench-peers.sh
# Results: $BENCH_OUT (default Reports/bench/<timestamp>/): results-*.json and comparison.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${LEPTON_SHARED:-$root/../shared}
export PEER_OUT=${PEER_OUT:-/tmp/lepton-peers}
EPOCHS=${EPOCHS:-10}
REPEATS=${REPEATS:-2}
THREADS=${THREADS:-2}
out=${BENCH_OUT:-$root/Reports/bench/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"

if [ ! -x "$PEER_OUT/venv-tf/bin/python" ] || [ ! -x "$PEER_OUT/venv-torch/bin/python" ]; then
    "$shared/bench/setup.sh"
fi
(cd "$root" && swift build -c release --product lepton >/dev/null)

echo "== lepton" >&2
"$root/.build/release/lepton" bench --epochs "$EPOCHS" --repeats "$REPEATS" --threads "$THREADS" > "$out/results-lepton.json"
echo "== keras / pytorch / onnx runtime" >&2
export TF_CPP_MIN_LOG_LEVEL=2
"$PEER_OUT/venv-tf/bin/python" "$shared/bench/peer_cnn.py" --framework tf --epochs "$EPOCHS" --repeats "$REPEATS" \
    --threads "$THREADS" --out "$out/results-tf.json" >&2
"$PEER_OUT/venv-torch/bin/python" "$shared/bench/peer_cnn.py" --framework torch --epochs "$EPOCHS" --repeats "$REPEATS" \
    --threads "$THREADS" --out "$out/results-torch.json" >&2
python3 "$root/scripts/compare_bench.py" "$out" | tee "$out/comparison.md"
