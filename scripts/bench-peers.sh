#!/usr/bin/env bash
# Side-by-side speed of Lepton against Keras/TensorFlow, PyTorch and ONNX Runtime on the
# same recipe (SEEDS.md 003 §5.2 on Fashion-MNIST, Adam 1e-3, batch 64, 10 epochs, 2 threads),
# one after the other in one session. Needs ../shared/bench beside the repository.
#   scripts/bench-peers.sh                 # full run (about 15 minutes)
#   EPOCHS=3 REPEATS=1 scripts/bench-peers.sh
# It records the CPU model and each framework's kernels (machine.json), runs every framework
# under GNU time for its peak resident memory (time-*.txt), plus one `lepton train` epoch
# alone for the memory target, and compares against the targets of issue 16.
# Then ONNX Runtime alone in a fresh process, on the seed CNN and conv3 (scripts/bench_ort.py),
# and Lepton's conv3 inference.
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

# The machine and every framework's kernels, recorded beside the figures (machine.json).
cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
echo "== CPU: $cpu ($(nproc) cores); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}" >&2
tf_kernels=$("$PEER_OUT/venv-tf/bin/python" -c '
import os; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf
try:
    from tensorflow.python.util import _pywrap_util_port as p; onednn = p.IsMklEnabled()
except Exception: onednn = "unknown"
print(f"TensorFlow {tf.__version__}: oneDNN {onednn} (own CPU dispatch)")' 2>/dev/null || echo unknown)
torch_kernels=$("$PEER_OUT/venv-torch/bin/python" -c '
import torch, onnxruntime as ort
blas = [l.strip() for l in torch.__config__.show().splitlines() if "BLAS_INFO" in l or "Math Kernel" in l]
first = blas[0][:60] if blas else "?"
print(f"PyTorch {torch.__version__}: CPU capability {torch.backends.cpu.get_cpu_capability()}, "
      f"{first}; ONNX Runtime {ort.__version__}: MLAS (own CPU dispatch)")' 2>/dev/null || echo unknown)
echo "== Keras: $tf_kernels" >&2
echo "== PyTorch / ONNX Runtime: $torch_kernels" >&2
python3 -c 'import json, sys; json.dump({"cpu": sys.argv[1], "cores": int(sys.argv[2]), "openblas_coretype": sys.argv[3],
    "kernels": {"tf": sys.argv[4], "torch": sys.argv[5]}}, open(sys.argv[6], "w"), indent=2)' \
    "$cpu" "$(nproc)" "${OPENBLAS_CORETYPE:-}" "$tf_kernels" "$torch_kernels" "$out/machine.json"

# Each framework runs under GNU time, whose "Maximum resident set size" is its peak memory.
peak() { local log=$1; shift; /usr/bin/time -v -o "$log" "$@"; }
echo "== lepton" >&2
peak "$out/time-lepton-epoch.txt" "$root/.build/release/lepton" train --model seed-cnn --dataset fashion-mnist \
    --epochs 1 --batch-size 64 --threads "$THREADS" --json > "$out/train-lepton-1epoch.json"
peak "$out/time-lepton.txt" "$root/.build/release/lepton" bench --epochs "$EPOCHS" --repeats "$REPEATS" \
    --threads "$THREADS" > "$out/results-lepton.json"
echo "== keras / pytorch / onnx runtime" >&2
export TF_CPP_MIN_LOG_LEVEL=2
peak "$out/time-tf.txt" "$PEER_OUT/venv-tf/bin/python" "$shared/bench/peer_cnn.py" --framework tf --epochs "$EPOCHS" \
    --repeats "$REPEATS" --threads "$THREADS" --out "$out/results-tf.json" >&2
peak "$out/time-torch.txt" "$PEER_OUT/venv-torch/bin/python" "$shared/bench/peer_cnn.py" --framework torch \
    --epochs "$EPOCHS" --repeats "$REPEATS" --threads "$THREADS" --out "$out/results-torch.json" >&2
# ONNX Runtime again in a fresh process (the seed CNN peer_cnn.py exported, and conv3), and
# Lepton's conv3 inference (issue 16: no slower for conv3).
echo "== onnx runtime alone; conv3 inference: lepton" >&2
"$root/.build/release/lepton" bench --model conv3 --inference-only --threads "$THREADS" > "$out/results-lepton-conv3.json"
"$PEER_OUT/venv-torch/bin/python" "$root/scripts/bench_ort.py" "$out/results-ort.json" >&2
python3 "$root/scripts/compare_bench.py" "$out" | tee "$out/comparison.md"
