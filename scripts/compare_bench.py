#!/usr/bin/env python3
"""Prints a Markdown comparison of results-lepton.json with the peers' results-tf.json and
results-torch.json (all from one session): epoch-time and latency ratios, GFLOP/s, peak
memory (from GNU time's time-*.txt), the CPU and every framework's kernels (machine.json),
ONNX Runtime alone in a fresh process (results-ort.json) and Lepton's conv3 inference
(results-lepton-conv3.json), and which of issue 16's targets the ratios meet."""
import json
import os
import re
import sys


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def peak_mb(folder, name):
    """Maximum resident set size in MiB from a `/usr/bin/time -v` log, or None."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else None


def verdict(value, limit, smaller_is_better=True):
    if value is None:
        return "not measured"
    ok = value <= limit if smaller_is_better else value >= limit
    return "**met**" if ok else "missed"


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    lep = load(folder, "results-lepton.json")
    tf = load(folder, "results-tf.json")
    th = load(folder, "results-torch.json")
    if lep is None:
        sys.exit(f"{folder}: results-lepton.json is missing; run scripts/bench-peers.sh")
    # ONNX Runtime alone in a fresh process (scripts/bench_ort.py) and Lepton's conv3 inference.
    fresh = load(folder, "results-ort.json") or {}
    lc3 = load(folder, "results-lepton-conv3.json")
    rows = []
    lep_epoch = lep["median_epoch_s_2_on"]
    rows.append(("Lepton", lep_epoch, lep["test_accuracy"], lep["batch1_p50_ms"], lep["batch64_images_per_s"]))
    ratios = []
    if tf:
        s = tf["summary"]
        inf = s["inference"]
        rows.append((f"Keras {tf['versions'].get('keras', '')} / TF {tf['versions'].get('tensorflow', '')}",
                     s["median_epoch_train_time_s_epochs2to10"], s["final_test_acc"][-1],
                     inf["batch1_eager_call"]["p50_ms_median"], inf["batch64_tf_function"]["images_per_s_median"]))
        ratios.append(("epoch time Lepton / Keras", lep_epoch / s["median_epoch_train_time_s_epochs2to10"], "≤ 0.55"))
        ratios.append(("batch-1 p50 Lepton / TF eager call", lep["batch1_p50_ms"] / inf["batch1_eager_call"]["p50_ms_median"], ""))
        ratios.append(("batch-1 p50 Lepton / TF tf.function", lep["batch1_p50_ms"] / inf["batch1_tf_function"]["p50_ms_median"], ""))
    if th:
        s = th["summary"]
        inf = s["inference"]
        rows.append((f"PyTorch {th['versions'].get('torch', '')}", s["median_epoch_train_time_s_epochs2to10"],
                     s["final_test_acc"][-1], inf["batch1_eager"]["p50_ms_median"], inf["batch64_eager"]["images_per_s_median"]))
        ratios.append(("epoch time Lepton / PyTorch", lep_epoch / s["median_epoch_train_time_s_epochs2to10"], ""))
        ratios.append(("batch-1 p50 Lepton / PyTorch eager", lep["batch1_p50_ms"] / inf["batch1_eager"]["p50_ms_median"], "≤ 1"))
        ort = [k for k in inf if k.startswith("ort_batch1")]
        for k in sorted(ort):
            ratios.append((f"batch-1 p50 Lepton / ONNX Runtime ({k[len('ort_batch1_'):]})",
                           lep["batch1_p50_ms"] / inf[k]["p50_ms_median"], ""))
    machine = load(folder, "machine.json") or {}
    if machine:
        print(f"CPU: {machine.get('cpu', '?')} ({machine.get('cores', '?')} cores); "
              f"OPENBLAS_CORETYPE in the environment: {machine.get('openblas_coretype') or 'unset'}.")
    print(f"- Lepton: {lep.get('blas_kernel', lep.get('blas_core', '?'))}"
          + (" — **a fallback kernel**" if lep.get("blas_kernel_fallback") else ""))
    for k, label in (("tf", "Keras/TF"), ("torch", "PyTorch / ONNX Runtime")):
        if k in machine.get("kernels", {}):
            print(f"- {label}: {machine['kernels'][k]}")
    print()
    peaks = {"Lepton": peak_mb(folder, "time-lepton.txt"), "Keras": peak_mb(folder, "time-tf.txt"),
             "PyTorch": peak_mb(folder, "time-torch.txt")}
    print("| framework | median epoch s (2–10) | test accuracy | batch-1 p50 ms | batch-64 images/s | peak RSS MiB (whole run) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, e, a, p, t in rows:
        pk = next((v for k, v in peaks.items() if name.startswith(k)), None)
        print(f"| {name} | {e:.2f} | {a:.4f} | {p:.4f} | {t:.0f} | {pk:.0f} |" if pk else
              f"| {name} | {e:.2f} | {a:.4f} | {p:.4f} | {t:.0f} | — |")
    if th:
        inf = th["summary"]["inference"]
        for nt in (1, 2):
            b1, b64 = inf.get(f"ort_batch1_threads{nt}"), inf.get(f"ort_batch64_threads{nt}")
            if b1 or b64:
                print(f"| ONNX Runtime {th['versions'].get('onnxruntime', '')}, {nt} thread{'s' if nt > 1 else ''} | — | — | "
                      f"{b1['p50_ms_median'] if b1 else float('nan'):.4f} | {b64['images_per_s_median'] if b64 else 0:.0f} | — |")
    for model in ("seed-cnn", "conv3"):
        if model == "conv3" and lc3:
            print(f"| Lepton, conv3 (inference only) | — | — | {lc3['batch1_p50_ms']:.4f} | {lc3['batch64_images_per_s']:.0f} | — |")
        for nt in (1, 2):
            o = fresh.get(model, {}).get(f"threads{nt}")
            if o:
                print(f"| ONNX Runtime {fresh.get('onnxruntime', '')}, {model}, fresh process, {nt} thread{'s' if nt > 1 else ''} "
                      f"| — | — | {o['batch1_p50_ms']:.4f} | {o['batch64_images_per_s']:.0f} | — |")
    print()
    print("| ratio | value | target |")
    print("|---|---:|---|")
    for name, v, target in ratios:
        print(f"| {name} | {v:.3f} | {target} |")
    print()
    # Issue 16's acceptance targets, each with its ratio and verdict.
    targets = []
    if tf:
        r = lep_epoch / tf["summary"]["median_epoch_train_time_s_epochs2to10"]
        targets.append(("median epoch Lepton / Keras", r, "≤ 0.55", verdict(r, 0.55)))
    # ONNX Runtime's best of its two measurements (inside peer_cnn.py, and alone in a fresh
    # process): the stricter comparison.
    ort64, ort1 = [], []
    if th:
        inf = th["summary"]["inference"]
        if "ort_batch64_threads2" in inf:
            ort64.append(inf["ort_batch64_threads2"]["images_per_s_median"])
        if "ort_batch1_threads1" in inf:
            ort1.append(inf["ort_batch1_threads1"]["p50_ms_median"])
    if "seed-cnn" in fresh:
        ort64.append(fresh["seed-cnn"]["threads2"]["batch64_images_per_s"])
        ort1.append(fresh["seed-cnn"]["threads1"]["batch1_p50_ms"])
    if ort64:
        r = lep["batch64_images_per_s"] / max(ort64)
        targets.append(("batch-64 images/s Lepton / ONNX Runtime (2 threads, its best run)", r, "≥ 1.0", verdict(r, 1.0, False)))
    if ort1:
        r = lep["batch1_p50_ms"] / min(ort1)
        targets.append(("batch-1 p50 Lepton / ONNX Runtime (1 thread, its best run)", r, "≤ 1.0", verdict(r, 1.0)))
    # conv3 (issue 16: "no slower for conv3"): Lepton's inference against ONNX Runtime's on the
    # same architecture.
    oc3 = fresh.get("conv3")
    if lc3 and oc3:
        r = lc3["batch64_images_per_s"] / oc3["threads2"]["batch64_images_per_s"]
        targets.append(("conv3 batch-64 images/s Lepton / ONNX Runtime (2 threads)", r, "≥ 1.0", verdict(r, 1.0, False)))
        r = lc3["batch1_p50_ms"] / oc3["threads1"]["batch1_p50_ms"]
        targets.append(("conv3 batch-1 p50 Lepton / ONNX Runtime (1 thread)", r, "≤ 1.0", verdict(r, 1.0)))
    share = lep["training_gflops"] / max(lep["sgemm_gflops"], 1e-9)
    targets.append(("training GFLOP/s / sgemm GFLOP/s", share, "≥ 0.40", verdict(share, 0.40, False)))
    epoch_peak = peak_mb(folder, "time-lepton-epoch.txt")
    epoch_mb = epoch_peak * 1.048576 if epoch_peak is not None else None      # MiB → MB (10⁶ bytes)
    targets.append(("peak RSS MB (10⁶ bytes) of one `lepton train` epoch", epoch_mb, "≤ 120", verdict(epoch_mb, 120)))
    print()
    print("| issue 16 target | value | target | verdict |")
    print("|---|---:|---|---|")
    for name, v, t, ok in targets:
        print(f"| {name} | {'—' if v is None else f'{v:.3f}'} | {t} | {ok} |")
    print()
    print(f"Lepton training rate: {lep['training_gflops']:.1f} GFLOP/s (3 × forward FLOPs × 60000 / median epoch); "
          f"OpenBLAS sgemm {lep['sgemm_size']}² at {lep['threads']} threads: {lep['sgemm_gflops']:.1f} GFLOP/s "
          f"({100 * lep['training_gflops'] / max(lep['sgemm_gflops'], 1e-9):.0f} % of it). BLAS: {lep['blas']}.")


if __name__ == "__main__":
    main()
