#!/usr/bin/env python3
"""Prints the model-shape suite's table (scripts/bench-suite.sh) as Markdown: per ISA and
model, Lepton's last-epoch training time, test accuracy, batch-1 latency, throughput at each
batch size (the batch size over the median batch's time) and peak RSS next to PyTorch's, Keras's and ONNX Runtime's (for a regressor, the
test R² in place of accuracy; its MSE is in the JSON), with the ratio to the
best peer (training and latency: ≤ 1 is ahead; throughput: ≥ 1 is ahead) and the kernels that
ran. Usage: compare_suite.py FOLDER [FOLDER …] (folders bench-suite.sh wrote). Given several runs
(on a shared host, minutes apart), every figure of every framework is the median over the runs
that have it, and the ratios are taken between those medians."""
import glob
import json
import os
import re
import statistics
import sys

PEERS = ["torch", "tf", "ort"]
NAMES = {"lepton": "Lepton", "torch": "PyTorch", "tf": "Keras", "ort": "ONNX Runtime"}


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError):
        return None


def peak_mib(path):
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
        return int(m.group(1)) / 1024 if m else None
    except OSError:
        return None


def score(r):
    """Test accuracy, or a regressor's test R² (Lepton writes accuracy "NaN" for a regressor)."""
    return r.get("test_r2", r.get("test_accuracy"))


def lepton_rate(r):
    """Images/s of the median batch (runs before session 9 have only the whole pass's rate)."""
    return r.get("batch_median_images_per_s", r["batch64_images_per_s"])


def lepton_figures(d, model, batch):
    r = load(os.path.join(d, f"lepton-{model}-b{batch}.json"))
    if not r:
        return None
    epochs = r["all_epoch_seconds"][-1]
    f = {"epoch": epochs[-1], "acc": score(r), "r2": "test_r2" in r, "b1": r["batch1_p50_ms"],
         "ips": {str(r["batch_size"]): lepton_rate(r)}, "kernels": r.get("lepton_kernels", "?"),
         "gflops": r.get("training_gflops"), "sgemm": r.get("sgemm_gflops"),
         "rss": peak_mib(os.path.join(d, f"time-lepton-{model}-b{batch}.txt"))}
    for b in (32, 64, 128):
        x = load(os.path.join(d, f"lepton-{model}-infer{b}.json"))
        if x and str(b) not in f["ips"]:
            f["ips"][str(b)] = lepton_rate(x)
    return f


def peer_figures(d, fw, model, batch):
    r = load(os.path.join(d, f"{fw}-{model}-b{batch}.json"))
    if not r:
        return None
    return {"epoch": r["epoch_seconds"][-1] if r.get("epoch_seconds") else None, "acc": score(r),
            "b1": r["batch1_p50_ms"], "ips": r.get("batch_median_images_per_s", r["images_per_s"]),
            "kernels": r.get("kernels", "?"),
            "rss": peak_mib(os.path.join(d, f"time-{fw}-{model}-b{batch}.txt"))}


def combined(figures):
    """One run's figures, or over several runs each number's median (per batch size for
    images/s) among the runs that have it; text from the first run."""
    runs = [f for f in figures if f]
    if len(runs) <= 1:
        return runs[0] if runs else None

    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None
    out = {}
    for key, first in runs[0].items():
        if key == "ips":
            sizes = sorted({b for r in runs for b in r["ips"]}, key=int)
            out[key] = {b: median([r["ips"].get(b) for r in runs]) for b in sizes}
        elif isinstance(first, (int, float)) and not isinstance(first, bool) or first is None:
            out[key] = median([r.get(key) for r in runs])
        else:
            out[key] = first
    return out


def fmt(x, spec="{:.3g}"):
    return "—" if x is None else spec.format(x)


def main():
    folders = sys.argv[1:]
    if not folders:
        sys.exit("usage: compare_suite.py FOLDER [FOLDER …]")
    cpus = sorted({open(os.path.join(f, "cpu.txt")).read().strip() for f in folders if os.path.exists(os.path.join(f, "cpu.txt"))})
    names = ", ".join(os.path.basename(os.path.normpath(f)) for f in folders)
    print(f"# Model-shape suite, {names}\n\nCPU: {' / '.join(cpus) or '?'}\n")
    if len(folders) > 1:
        print(f"Each figure is the median over the {len(folders)} runs that have it; ratios are between medians.\n")
    misses = []
    isas = sorted({os.path.basename(p) for f in folders for p in glob.glob(os.path.join(f, "*")) if os.path.isdir(p)})
    for isa in isas:
        dirs = [os.path.join(f, isa) for f in folders if os.path.isdir(os.path.join(f, isa))]
        runs = sorted(p for d in dirs for p in glob.glob(os.path.join(d, "*-b*.json")))
        # Rows: the training runs (ONNX Runtime only infers, at batch 64, whatever the training batch).
        parsed = [re.match(r"(\w+)-(.+)-b(\d+)\.json", os.path.basename(p)).groups() for p in runs]
        keys = sorted({(m, b) for fw, m, b in parsed if fw != "ort"}, key=lambda k: (k[0], int(k[1])))
        kernels = {}
        print(f"## {isa}\n")
        print("| model | batch | Lepton epoch s | best peer epoch s | train ratio | acc (R² for a regressor) Lepton / PyTorch / Keras "
              "| batch-1 ms Lepton / best | latency ratio | images/s ratio at 32 / 64 / 128 | peak RSS MiB Lepton / PyTorch / Keras "
              "| Lepton GFLOP/s (share of sgemm) |")
        print("|---|---:|---:|---:|---:|---|---|---:|---|---|---|")
        for model, batch in keys:
            lep = combined([lepton_figures(d, model, batch) for d in dirs])
            peers = {fw: combined([peer_figures(d, fw, model, batch if fw != "ort" else 64) for d in dirs]) for fw in PEERS}
            for fw, p in [("lepton", lep)] + list(peers.items()):
                if p:
                    kernels[fw] = p["kernels"]
            trained = {fw: p for fw, p in peers.items() if p and p.get("epoch")}
            best_fw = min(trained, key=lambda fw: trained[fw]["epoch"]) if trained else None
            best_epoch = trained[best_fw]["epoch"] if best_fw else None
            lat = {fw: p["b1"] for fw, p in peers.items() if p}
            best_lat_fw = min(lat, key=lat.get) if lat else None
            if lep is None:
                print(f"| {model} | {batch} | — (not in Lepton) | {fmt(best_epoch)} ({NAMES.get(best_fw, '—')}) | — | "
                      f"— / {fmt((peers['torch'] or {}).get('acc'))} / {fmt((peers['tf'] or {}).get('acc'))} | — | — | — | — | — |")
                misses.append(f"{isa} {model}: no Lepton figures")
                continue
            train_ratio = lep["epoch"] / best_epoch if best_epoch else None
            lat_ratio = lep["b1"] / lat[best_lat_fw] if best_lat_fw else None
            ips = []
            for b in ("32", "64", "128"):
                best = max((p["ips"].get(b, 0) for p in peers.values() if p), default=0)
                ratio = lep["ips"][b] / best if best and b in lep["ips"] else None
                ips.append(fmt(ratio, "{:.2f}"))
                if ratio is not None and ratio < 1:
                    misses.append(f"{isa} {model}: throughput at batch {b} {ratio:.2f}× the best peer")
            if train_ratio is not None and train_ratio > 1 and str(batch) in ("32", "64", "128"):
                misses.append(f"{isa} {model} batch {batch}: training {train_ratio:.2f}× {NAMES[best_fw]}")
            if lat_ratio is not None and lat_ratio > 1:
                misses.append(f"{isa} {model}: batch-1 latency {lat_ratio:.2f}× {NAMES[best_lat_fw]}")
            share = f"{lep['gflops']:.0f} ({lep['gflops'] / lep['sgemm']:.0%})" if lep.get("gflops") and lep.get("sgemm") else "—"
            tag = "R² " if lep["r2"] else ""
            print(f"| {model} | {batch} | {fmt(lep['epoch'])} | {fmt(best_epoch)} ({NAMES.get(best_fw, '—')}) | "
                  f"**{fmt(train_ratio, '{:.2f}')}** | {tag}{fmt(lep['acc'], '{:.4f}')} / {fmt((peers['torch'] or {}).get('acc'), '{:.4f}')}"
                  f" / {fmt((peers['tf'] or {}).get('acc'), '{:.4f}')} | {fmt(lep['b1'], '{:.4f}')} / "
                  f"{fmt(lat.get(best_lat_fw), '{:.4f}')} ({NAMES.get(best_lat_fw, '—')}) | **{fmt(lat_ratio, '{:.2f}')}** | "
                  f"{' / '.join(ips)} | {fmt(lep['rss'], '{:.0f}')} / {fmt((peers['torch'] or {}).get('rss'), '{:.0f}')} / "
                  f"{fmt((peers['tf'] or {}).get('rss'), '{:.0f}')} | {share} |")
        print("\nKernels that ran:")
        for fw, k in kernels.items():
            print(f"- {NAMES[fw]}: {k}")
        print()
    print("Ratios: Lepton / best peer (PyTorch, Keras; ONNX Runtime for inference, the better of 1 and 2 threads). "
          "Training and latency: ≤ 1 means Lepton is ahead; throughput: ≥ 1. Latency is the median single-image "
          "call; throughput the batch size over the median batch's time, for every framework alike.\n")
    print("Misses:" if misses else "No misses.")
    for m in misses:
        print(f"- {m}")


if __name__ == "__main__":
    main()
