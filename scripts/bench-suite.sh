#!/usr/bin/env bash
# The model-shape suite (issue 26; docs/BENCHMARKS.md): Lepton against PyTorch, Keras and
# ONNX Runtime on the models users write, side by side in one session, each framework in
# its own process under GNU time (peak RSS), then the table of ratios (scripts/compare_suite.py).
#   scripts/bench-suite.sh                      # quick: 6400 training images, 2 epochs, AVX2-pinned
#   QUICK=0 scripts/bench-suite.sh              # the whole training set, 2 epochs, AVX2-pinned and native
#   QUICK=0 TRAIN_BATCHES="32 64 128" scripts/bench-suite.sh     # training at three batch sizes
#   ISAS="avx2 native" MODELS="tf-tutorial same3" scripts/bench-suite.sh
# The sensor regressor (004 §5.2) trains on the tabular seattle-weather data (1095 training days)
# with its own recipe: MSE, batch $SENSOR_BATCHES (32), $SENSOR_EPOCHS epochs (10, as 004 writes);
# its score is test R² (MSE in the JSON) instead of accuracy.
# ISA "avx2" runs every framework as on an AVX2 + FMA CPU (the issue's machine kind) on an AVX-512
# machine: each process is started with scripts/cpuid-avx2.c preloaded, so CPUID reports no AVX-512
# and every framework's own dispatch — ONNX Runtime's MLAS too, which has no switch — picks its AVX2
# kernels; the switches are set as well: Lepton LEPTON_KERNELS=avx2; PyTorch ATEN_CPU_CAPABILITY=avx2
# and oneDNN/MKL capped; TensorFlow oneDNN capped (ONEDNN_MAX_CPU_ISA=AVX2); OpenBLAS Haswell. The
# CPU needs CPUID faulting (`cpuid_fault` in /proc/cpuinfo); without it the suite stops, since ONNX
# Runtime would run AVX-512. "native" lets everyone pick the CPU's widest kernels.
# Results: $BENCH_OUT (default Reports/bench/suite-<timestamp>/): <isa>/<framework>-<model>.json,
# time-*.txt, suite.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${LEPTON_SHARED:-$root/../shared}
export PEER_OUT=${PEER_OUT:-/tmp/lepton-peers}
QUICK=${QUICK:-1}
MODELS=${MODELS:-seed-cnn conv3 tf-tutorial mlp-256-128 lenet5 stride2 same3 sensor-regressor}
THREADS=${THREADS:-2}
SENSOR_EPOCHS=${SENSOR_EPOCHS:-10}; SENSOR_BATCHES=${SENSOR_BATCHES:-32}
if [ "$QUICK" = 1 ]; then
    ISAS=${ISAS:-avx2}; TRAIN_SAMPLES=${TRAIN_SAMPLES:-6400}; EPOCHS=${EPOCHS:-2}; TRAIN_BATCHES=${TRAIN_BATCHES:-64}
    LATENCY=200; THROUGHPUT=2048; WARM=20
else
    ISAS=${ISAS:-avx2 native}; TRAIN_SAMPLES=${TRAIN_SAMPLES:-0}; EPOCHS=${EPOCHS:-2}; TRAIN_BATCHES=${TRAIN_BATCHES:-64}
    LATENCY=1000; THROUGHPUT=9984; WARM=50
fi
lepton=${LEPTON:-$root/.build/release/lepton}
out=${BENCH_OUT:-$root/Reports/bench/suite-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
if [ ! -x "$PEER_OUT/venv-tf/bin/python" ] || [ ! -x "$PEER_OUT/venv-torch/bin/python" ]; then
    "$shared/bench/setup.sh"
fi
[ -n "${LEPTON:-}" ] || (cd "$root" && swift build -c release --product lepton >/dev/null)
lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1 > "$out/cpu.txt"
echo "== suite: $(cat "$out/cpu.txt") ($(nproc) cores); isas: $ISAS; models: $MODELS" >&2
export TF_CPP_MIN_LOG_LEVEL=2
# OpenMP workers that spin while waiting (PyTorch's and oneDNN's default) lose 10–20× on a
# machine whose cores others share (measured: a seed-CNN step 660 → 37 ms); passive waiting
# is the fair setting there. Set OMP_WAIT_POLICY=ACTIVE on a quiet machine to compare.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
peak() { local log=$1; shift; /usr/bin/time -v -o "$log" "$@"; }
epochs_of() { if [ "$1" = sensor-regressor ]; then echo "$SENSOR_EPOCHS"; else echo "$EPOCHS"; fi; }
peer() {   # framework model isa-dir train-batch [extra args]
    local fw=$1 model=$2 dir=$3 batch=$4 py
    py=$PEER_OUT/venv-torch/bin/python; [ "$fw" = tf ] && py=$PEER_OUT/venv-tf/bin/python
    peak "$dir/time-$fw-$model-b$batch.txt" "$py" "$root/scripts/suite_peers.py" --framework "$fw" --model "$model" \
        --epochs "$(epochs_of "$model")" --batch "$batch" --train-samples "$TRAIN_SAMPLES" --threads "$THREADS" \
        --latency-images "$LATENCY" --throughput-images "$THROUGHPUT" --warm-up "$WARM" \
        --out "$dir/$fw-$model-b$batch.json" || echo "   ($fw $model failed; see above)" >&2
}
avx2_only() {   # builds the CPUID mask (scripts/cpuid-avx2.c) and checks that a process sees no AVX-512
    local lib=$PEER_OUT/libcpuid-avx2.so src=$root/scripts/cpuid-avx2.c
    if [ ! -f "$lib" ] || [ "$src" -nt "$lib" ]; then
        ${CC:-clang} -O2 -shared -fPIC -o "$lib" "$src" -ldl || { echo "suite: cannot build $src" >&2; exit 1; }
    fi
    local seen     # what a masked process's CPUID shows (suite_peers.cpuid_isa, as the peers record it)
    seen=$(cd "$root/scripts" && LD_PRELOAD=$lib "$PEER_OUT/venv-torch/bin/python" -c \
        'import suite_peers; print(suite_peers.cpuid_isa())')
    if [ "$seen" != AVX2 ] && grep -qw avx512f /proc/cpuinfo; then
        echo "suite: the avx2 columns need CPUID faulting to hide AVX-512 (cpuid_fault in /proc/cpuinfo), and" \
             "a process here still sees $seen; run ISAS=native, or on an AVX2-only machine" >&2
        exit 1
    fi
    echo "$lib"
}
for isa in $ISAS; do
    dir=$out/$isa; mkdir -p "$dir"
    (
        if [ "$isa" = avx2 ]; then
            mask=$(avx2_only)
            export LD_PRELOAD=$mask LEPTON_KERNELS=avx2 OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2 \
                ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2 DNNL_MAX_CPU_ISA=AVX2
        fi
        for model in $MODELS; do
            batches=$TRAIN_BATCHES; [ "$model" = sensor-regressor ] && batches=$SENSOR_BATCHES
            for batch in $batches; do
                echo "== $isa $model batch $batch" >&2
                peak "$dir/time-lepton-$model-b$batch.txt" "$lepton" bench --model "$model" --epochs "$(epochs_of "$model")" \
                    --batch-size "$batch" --train-samples "$TRAIN_SAMPLES" --threads "$THREADS" --gemm-size 2048 \
                    > "$dir/lepton-$model-b$batch.json" 2>"$dir/lepton-$model-b$batch.log" \
                    || echo "   (lepton $model failed: $(tail -1 "$dir/lepton-$model-b$batch.log"))" >&2
                peer torch "$model" "$dir" "$batch"
                peer tf "$model" "$dir" "$batch"
            done
            peer ort "$model" "$dir" 64
            for b in 32 64 128; do   # the batch sizes the training runs above did not time
                case " $batches " in *" $b "*) continue ;; esac
                "$lepton" bench --model "$model" --inference-only --batch-size "$b" --threads "$THREADS" --gemm-size 0 \
                    > "$dir/lepton-$model-infer$b.json" 2>/dev/null || true
            done
        done
    )
done
python3 "$root/scripts/compare_suite.py" "$out" | tee "$out/suite.md"
