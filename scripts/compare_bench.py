#!/usr/bin/env python3
"""Prints a Markdown comparison of results-lepton.json with the peers' results-tf.json and
results-torch.json (all from one session): epoch-time and latency ratios, GFLOP/s."""
import json
import os
import sys


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    lep = load(folder, "results-lepton.json")
    tf = load(folder, "results-tf.json")
    th = load(folder, "results-torch.json")
    if lep is None:
        sys.exit(f"{folder}: results-lepton.json is missing; run scripts/bench-peers.sh")
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
        ratios.append(("epoch time Lepton / Keras", lep_epoch / s["median_epoch_train_time_s_epochs2to10"], "≤ 0.8"))
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
    print("| framework | median epoch s (2–10) | test accuracy | batch-1 p50 ms | batch-64 images/s |")
    print("|---|---:|---:|---:|---:|")
    for name, e, a, p, t in rows:
        print(f"| {name} | {e:.2f} | {a:.4f} | {p:.4f} | {t:.0f} |")
    print()
    print("| ratio | value | target |")
    print("|---|---:|---|")
    for name, v, target in ratios:
        print(f"| {name} | {v:.3f} | {target} |")
    print()
    print(f"Lepton training rate: {lep['training_gflops']:.1f} GFLOP/s (3 × forward FLOPs × 60000 / median epoch); "
          f"OpenBLAS sgemm {lep['sgemm_size']}² at {lep['threads']} threads: {lep['sgemm_gflops']:.1f} GFLOP/s "
          f"({100 * lep['training_gflops'] / max(lep['sgemm_gflops'], 1e-9):.0f} % of it). BLAS: {lep['blas']}.")


if __name__ == "__main__":
    main()
