#!/usr/bin/env python3
"""ONNX Runtime alone in a fresh process (no PyTorch threads around it), timed the way
../shared/bench/peer_cnn.py times it: batch-1 p50 over 1000 images after 50 warm-up calls,
batch-64 throughput over 156 batches after 10 warm-up batches, at 1 and 2 intra-op threads.

- `seed-cnn`: the ONNX file peer_cnn.py exported from its trained PyTorch model
  ($PEER_OUT/cnn_torch.onnx), when it exists. peer_cnn.py also times it, but inside the
  process that has just trained PyTorch on 2 threads, whose idle workers can slow ONNX
  Runtime's 2-thread figures; both are reported.
- `conv3`: Lepton's ModelZoo conv3 (000 §5.2 on one-channel input: 3 × (Conv2D 3×3 ReLU
  32/64/128 → MaxPool 2×2) → Flatten → Dense 128 ReLU → Dense 10 softmax), built in
  PyTorch with its default initialisation and exported (opset 17); timing does not depend
  on the weights. Lepton's side: `lepton bench --model conv3 --inference-only`.

Needs the venv of ../shared/bench/setup.sh. Usage: bench_ort.py OUT.json"""
import json
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import onnxruntime as ort
import torch
import torch.nn as nn


def conv3(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, classes), nn.Softmax(dim=1)).eval()


def time_session(path, x, threads):
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    for i in range(50):
        sess.run(None, {"x": x[i:i + 1]})
    times = []
    for i in range(1000):
        t = time.perf_counter()
        sess.run(None, {"x": x[i:i + 1]})
        times.append(time.perf_counter() - t)
    batches = len(x) // 64
    xs = [np.ascontiguousarray(x[b * 64:(b + 1) * 64]) for b in range(batches)]
    for b in range(10):
        sess.run(None, {"x": xs[b]})
    t = time.perf_counter()
    for b in range(batches):
        sess.run(None, {"x": xs[b]})
    dt = time.perf_counter() - t
    return {"batch1_p50_ms": statistics.median(times) * 1e3, "batch64_images_per_s": batches * 64 / dt}


def main():
    out = sys.argv[1]
    x = np.random.default_rng(1).random((10000, 1, 28, 28), dtype=np.float32)
    models = {}
    seed_cnn = os.path.join(os.environ.get("PEER_OUT", "/tmp/lepton-peers"), "cnn_torch.onnx")
    if os.path.exists(seed_cnn):
        models["seed-cnn"] = seed_cnn
    torch.manual_seed(1)
    path = os.path.join(tempfile.mkdtemp(), "conv3.onnx")
    torch.onnx.export(conv3(), (torch.from_numpy(x[:1]),), path, input_names=["x"], output_names=["p"],
                      dynamic_axes={"x": {0: "n"}, "p": {0: "n"}}, opset_version=17, dynamo=False)
    models["conv3"] = path
    result = {"framework": "onnxruntime", "onnxruntime": ort.__version__}
    for name, model in models.items():
        result[name] = {f"threads{t}": time_session(model, x, t) for t in (1, 2)}
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
