#!/usr/bin/env bash
# 004 side by side (docs/FEDERATED.md): the sensor regressor in Keras and FedAvg in PyTorch,
# each beside Lepton's own run of the same recipe, one after the other in one session.
# Needs ../shared/bench beside the repository for the peer venvs (installed once).
#   scripts/peers-004.sh            # about 5 minutes on 2 cores
# Results: $PEERS_OUT (default Reports/peers-004/<timestamp>/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${LEPTON_SHARED:-$root/../shared}
export PEER_OUT=${PEER_OUT:-/tmp/lepton-peers}
SEEDS=${SEEDS:-10}
ROUNDS=${ROUNDS:-20}
out=${PEERS_OUT:-$root/Reports/peers-004/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
if [ ! -x "$PEER_OUT/venv-tf/bin/python" ] || [ ! -x "$PEER_OUT/venv-torch/bin/python" ]; then
    "$shared/bench/setup.sh"
fi
(cd "$root" && swift build -c release --product lepton >/dev/null)
lepton="$root/.build/release/lepton"
export TF_CPP_MIN_LOG_LEVEL=2

echo "== sensor-regression: Lepton, $SEEDS seeds" >&2
"$lepton" run sensor-regression --profile quick --seeds "$SEEDS" | tee "$out/lepton-sensor.txt" >&2
echo "== sensor-regression: Keras, $SEEDS seeds" >&2
"$PEER_OUT/venv-tf/bin/python" "$root/scripts/keras_sensor.py" --seeds "$SEEDS" --out "$out/keras-sensor.json" >&2

echo "== federated-learning FedAvg IID: Lepton, $SEEDS seeds, $ROUNDS rounds" >&2
report=$("$lepton" run federated-learning --profile quick --set target-accuracy=1 --set rounds="$ROUNDS" \
    --set fedsgd-rounds=1 --seeds "$SEEDS" | tee "$out/lepton-fedavg.txt" | sed -n 's/^report: //p')
echo "== federated-learning FedAvg IID: PyTorch, $SEEDS seeds" >&2
"$PEER_OUT/venv-torch/bin/python" "$root/scripts/torch_fedavg.py" --rounds "$ROUNDS" --seeds "$SEEDS" \
    --lepton "$(dirname "$report")/results.json" --out "$out/torch-fedavg.json" | tee "$out/fedavg-comparison.md"
echo "results in $out" >&2
