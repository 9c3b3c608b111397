#!/usr/bin/env python3
"""The model-shape suite's peers (issue 26, docs/BENCHMARKS.md): one model in PyTorch,
Keras/TensorFlow or ONNX Runtime, trained and timed the way `lepton bench` times Lepton.

Models (Fashion-MNIST, 28×28×1, 10 classes; the same layers as Lepton's ModelZoo entries):
  seed-cnn     Conv 32 3×3 ReLU → MaxPool → Dense 64 ReLU → Dense 10
  conv3        3 × (Conv 3×3 valid ReLU 32/64/128 → MaxPool) → Dense 128 ReLU → Dense 10
  tf-tutorial  Conv 32 5×5 same ReLU → MaxPool → Conv 64 5×5 same ReLU → MaxPool → Dense 1024 ReLU
               → Dropout 0.4 → Dense 10 (TensorFlow's convnet tutorial)
  mlp-256-128  Dense 256 ReLU → Dense 128 ReLU → Dense 10
  lenet5       Conv 6 5×5 valid ReLU → AvgPool → Conv 16 5×5 valid ReLU → AvgPool → Dense 120 → 84 → 10
  stride2      Conv 32 3×3 stride 2 same ReLU → Conv 64 3×3 stride 2 same ReLU → Dense 10
  same3        3 × (Conv 3×3 same ReLU 32/64/128 → MaxPool) → Dense 128 ReLU → Dense 10
  sensor-regressor  004 §5.2: Dense 64 ReLU → Dense 32 ReLU → Dense 1, mean squared error, on the
               tabular seattle-weather data Lepton's `sensor-regression` notebook and `lepton bench`
               use (Datasets/tabular.json: checksum verified, features and target as catalogued,
               the first ⌊75 %⌋ of days in file order train, features standardised with the
               training days' mean and population standard deviation); scored by test MSE and R²

Timing rules (as ../shared/bench/peer_cnn.py and `lepton bench`): an epoch counts the
training steps only (shuffle + every batch, Adam 1e-3, categorical cross-entropy — mean squared
error for the regressor —, Glorot uniform kernels and zero biases); the figure is the last
epoch's (the first one warms up).
Inference on the trained model (ONNX Runtime: the PyTorch model exported with softmax, opset
17; the regressor without softmax): batch-1 p50 over --latency-images test samples after warm-up, and images/s at each of
--batches over the first --throughput-images test images: over the whole pass (images_per_s) and the batch size
over the median batch's time (batch_median_images_per_s, the figure the suite compares, as for Lepton).

  venv-torch/bin/python suite_peers.py --framework torch --model tf-tutorial --out r.json
  venv-tf/bin/python    suite_peers.py --framework tf    --model tf-tutorial --out r.json
  venv-torch/bin/python suite_peers.py --framework ort   --model tf-tutorial --out r.json
"""
import argparse
import csv
import gzip
import hashlib
import json
import math
import os
import statistics
import sys
import time

import numpy as np

DATA_DIR = "/usr/share/datasets/fashion-mnist"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = ["seed-cnn", "conv3", "tf-tutorial", "mlp-256-128", "lenet5", "stride2", "same3", "sensor-regressor"]
# Model → the tabular data set it regresses (Datasets/tabular.json); every other model classifies images.
REGRESSORS = {"sensor-regressor": "seattle-weather"}


def read_idx_gz(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        sys.exit(f"{path}: not an IDX file of unsigned bytes (magic {raw[:4]!r}); restore the data set")
    ndim = raw[3]
    dims = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, count=int(np.prod(dims)), offset=4 + 4 * ndim).reshape(dims)


def load_tabular(name, train_samples, datasets=os.path.join(ROOT, "Datasets")):
    """The catalogued tabular set as Lepton's TabularSplit reads it: float32 features standardised
    with the training rows' statistics (computed in float64), float32 targets."""
    catalogue = os.path.join(datasets, "tabular.json")
    entry = next((d for d in json.load(open(catalogue))["datasets"] if d["name"] == name), None)
    if entry is None:
        sys.exit(f"{catalogue}: no tabular data set '{name}'")
    path = os.path.join(datasets, entry["directory"], entry["file"])
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != entry["sha256"]:
        sys.exit(f"{path}: SHA-256 {digest} differs from the catalogue's {entry['sha256']}; {entry['remedy']}")
    rows = list(csv.DictReader(open(path, newline="")))
    keys = [r[entry["orderBy"]] for r in rows]
    if any(a > b for a, b in zip(keys, keys[1:])):
        sys.exit(f"{path}: rows are not in '{entry['orderBy']}' order; {entry['remedy']}")
    x = np.array([[float(r[f]) for f in entry["features"]] for r in rows], dtype=np.float64)
    y = np.array([float(r[entry["target"]]) for r in rows], dtype=np.float64)
    cut = math.floor(entry["trainFraction"] * len(rows))
    mu, sd = x[:cut].mean(0), x[:cut].std(0)
    x = ((x - mu) / sd).astype(np.float32)
    xtr, ytr, xte, yte = x[:cut], y[:cut].astype(np.float32), x[cut:], y[cut:].astype(np.float32)
    if 0 < train_samples < len(xtr):
        xtr, ytr = xtr[:train_samples], ytr[:train_samples]
    return xtr, ytr, xte, yte


def regression_scores(pred, y):
    """Test MSE, MAE and R² in float64, as Lepton's RegressionMetrics."""
    pred, y = np.asarray(pred, np.float64).reshape(-1), np.asarray(y, np.float64)
    sse, sst = float(((y - pred) ** 2).sum()), float(((y - y.mean()) ** 2).sum())
    return {"test_mse": sse / len(y), "test_mae": float(np.abs(y - pred).mean()), "test_r2": 1 - sse / sst}


def load(data_dir, train_samples):
    p = lambda n: os.path.join(data_dir, n)
    xtr = read_idx_gz(p("train-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    ytr = read_idx_gz(p("train-labels-idx1-ubyte.gz")).astype(np.int64)
    xte = read_idx_gz(p("t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    yte = read_idx_gz(p("t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    if 0 < train_samples < len(xtr):
        xtr, ytr = xtr[:train_samples], ytr[:train_samples]
    return xtr, ytr, xte, yte


def cpuid_isa():
    """The widest vector ISA this process's CPUID reports (numpy reads it as every framework does):
    "AVX2" under scripts/cpuid-avx2.c on an AVX-512 machine."""
    from numpy._core._multiarray_umath import __cpu_features__ as f
    return "AVX-512" if f.get("AVX512F") else "AVX2" if f.get("AVX2") else "neither AVX2 nor AVX-512"


def p50_ms(times):
    return statistics.median(times) * 1e3


# ----------------------------------------------------------------------------- PyTorch
def torch_model(name, features=0):
    import torch.nn as nn
    R, P, A, F, L = nn.ReLU, lambda: nn.MaxPool2d(2), lambda: nn.AvgPool2d(2), nn.Flatten, nn.Linear
    C = nn.Conv2d
    layers = {
        "seed-cnn": [C(1, 32, 3), R(), P(), F(), L(32 * 13 * 13, 64), R(), L(64, 10)],
        "conv3": [C(1, 32, 3), R(), P(), C(32, 64, 3), R(), P(), C(64, 128, 3), R(), P(), F(),
                  L(128, 128), R(), L(128, 10)],
        "tf-tutorial": [C(1, 32, 5, padding=2), R(), P(), C(32, 64, 5, padding=2), R(), P(), F(),
                        L(7 * 7 * 64, 1024), R(), nn.Dropout(0.4), L(1024, 10)],
        "mlp-256-128": [F(), L(784, 256), R(), L(256, 128), R(), L(128, 10)],
        "lenet5": [C(1, 6, 5), R(), A(), C(6, 16, 5), R(), A(), F(), L(16 * 4 * 4, 120), R(), L(120, 84), R(),
                   L(84, 10)],
        # 'same' with stride 2 on 28 pixels: 14 out (PyTorch pads both sides by 1, TensorFlow
        # 0 before and 1 after: the same work).
        "stride2": [C(1, 32, 3, stride=2, padding=1), R(), C(32, 64, 3, stride=2, padding=1), R(), F(),
                    L(7 * 7 * 64, 10)],
        "same3": [C(1, 32, 3, padding=1), R(), P(), C(32, 64, 3, padding=1), R(), P(), C(64, 128, 3, padding=1),
                  R(), P(), F(), L(128 * 3 * 3, 128), R(), L(128, 10)],
        "sensor-regressor": [L(features, 64), R(), L(64, 32), R(), L(32, 1)],
    }[name]
    m = nn.Sequential(*layers)
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(mod.weight)
            nn.init.zeros_(mod.bias)
    return m


def run_torch(a, data):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr, xte, yte = data
    regressor = a.model in REGRESSORS
    shaped = (lambda x: x) if regressor else (lambda x: x[:, None])    # images: NCHW with one channel
    Xtr, Ytr = torch.from_numpy(np.ascontiguousarray(shaped(xtr))), torch.from_numpy(ytr)
    Xte, Yte = torch.from_numpy(np.ascontiguousarray(shaped(xte))), torch.from_numpy(yte)
    model = torch_model(a.model, xtr.shape[1])
    criterion = (lambda out, y: F.mse_loss(out[:, 0], y)) if regressor else F.cross_entropy
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    g = torch.Generator().manual_seed(a.seed)
    n, epochs = len(Xtr), []
    for e in range(a.epochs):
        model.train()
        t0 = time.perf_counter()
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, a.batch):
            idx = perm[i:i + a.batch]
            loss = criterion(model(Xtr[idx]), Ytr[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        epochs.append(time.perf_counter() - t0)
    model.eval()
    with torch.inference_mode():
        if regressor:
            scores = regression_scores(model(Xte).numpy(), yte)
        else:
            correct = sum((model(Xte[i:i + 1000]).argmax(1) == Yte[i:i + 1000]).sum().item() for i in range(0, len(Xte), 1000))
            scores = {"test_accuracy": correct / len(Xte)}
    infer = (model if regressor else torch.nn.Sequential(model, torch.nn.Softmax(dim=1))).eval()
    x = np.ascontiguousarray(shaped(xte))
    with torch.inference_mode():
        call = lambda b: infer(torch.from_numpy(b)).numpy()
        inference = time_inference(a, x, call)
    return {"epoch_seconds": epochs, **scores, **inference,
            "kernels": f"PyTorch {torch.__version__}, CPU capability {torch.backends.cpu.get_cpu_capability()}"}


def time_inference(a, x, call):
    one = lambda i: np.ascontiguousarray(x[i % len(x):i % len(x) + 1])   # wraps around a small test set
    for i in range(a.warm_up):
        call(one(i))
    times = []
    for i in range(a.latency_images):
        b = one(i)
        t = time.perf_counter(); call(b); times.append(time.perf_counter() - t)
    throughput, median_batch = {}, {}
    for bs in a.batches:
        if bs == 1:
            continue
        nb = max(1, a.throughput_images // bs)
        xs = [np.ascontiguousarray(x[(i * bs) % (len(x) - bs):(i * bs) % (len(x) - bs) + bs]) for i in range(nb)]
        for b in xs[:5]:
            call(b)
        stamps = [time.perf_counter()]
        for b in xs:
            call(b)
            stamps.append(time.perf_counter())
        throughput[str(bs)] = nb * bs / (stamps[-1] - stamps[0])
        # as `lepton bench`'s batch_median_images_per_s: the batch size over the median batch's time
        median_batch[str(bs)] = bs / statistics.median(t1 - t0 for t0, t1 in zip(stamps, stamps[1:]))
    return {"batch1_p50_ms": p50_ms(times), "images_per_s": throughput, "batch_median_images_per_s": median_batch}


# ----------------------------------------------------------------------------- ONNX Runtime
def run_ort(a, data):
    import onnxruntime as ort
    import tempfile
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    regressor = a.model in REGRESSORS
    xte = np.ascontiguousarray(data[2] if regressor else data[2][:, None])
    model = torch_model(a.model, data[2].shape[1])
    infer = (model if regressor else torch.nn.Sequential(model, torch.nn.Softmax(dim=1))).eval()
    path = os.path.join(tempfile.mkdtemp(), f"{a.model}.onnx")
    torch.onnx.export(infer, (torch.from_numpy(xte[:1]),), path, input_names=["x"], output_names=["p"],
                      dynamic_axes={"x": {0: "n"}, "p": {0: "n"}}, opset_version=17, dynamo=False)
    best = {}
    per_threads = {}
    for threads in sorted({1, a.threads}):
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        r = time_inference(a, xte, lambda b: sess.run(None, {"x": b}))
        per_threads[str(threads)] = r
    # The better of 1 and 2 threads for each figure (issue 16's rule).
    best["batch1_p50_ms"] = min(r["batch1_p50_ms"] for r in per_threads.values())
    for key in ("images_per_s", "batch_median_images_per_s"):
        best[key] = {bs: max(r[key][bs] for r in per_threads.values()) for bs in next(iter(per_threads.values()))[key]}
    return {**best, "by_threads": per_threads,
            "kernels": f"ONNX Runtime {ort.__version__}: MLAS (own CPU dispatch; CPUID shows {cpuid_isa()})"}


# ----------------------------------------------------------------------------- Keras
def run_tf(a, data):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    import keras
    from keras import layers as K
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    keras.utils.set_random_seed(a.seed)
    xtr, ytr, xte, yte = data
    C = lambda f, k, **kw: K.Conv2D(f, k, activation="relu", **kw)
    P, A, D = (lambda: K.MaxPooling2D(2)), (lambda: K.AveragePooling2D(2)), K.Dense
    layers = {
        "seed-cnn": [C(32, 3), P(), K.Flatten(), D(64, activation="relu")],
        "conv3": [C(32, 3), P(), C(64, 3), P(), C(128, 3), P(), K.Flatten(), D(128, activation="relu")],
        "tf-tutorial": [C(32, 5, padding="same"), P(), C(64, 5, padding="same"), P(), K.Flatten(),
                        D(1024, activation="relu"), K.Dropout(0.4)],
        "mlp-256-128": [K.Flatten(), D(256, activation="relu"), D(128, activation="relu")],
        "lenet5": [C(6, 5), A(), C(16, 5), A(), K.Flatten(), D(120, activation="relu"), D(84, activation="relu")],
        "stride2": [C(32, 3, strides=2, padding="same"), C(64, 3, strides=2, padding="same"), K.Flatten()],
        "same3": [C(32, 3, padding="same"), P(), C(64, 3, padding="same"), P(), C(128, 3, padding="same"), P(),
                  K.Flatten(), D(128, activation="relu")],
        "sensor-regressor": [D(64, activation="relu"), D(32, activation="relu")],
    }[a.model]
    regressor = a.model in REGRESSORS
    if regressor:
        model = keras.Sequential([keras.Input(shape=(xtr.shape[1],))] + layers + [D(1)])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="mse")
        shaped, targets = (lambda x: x), (lambda y: y)
    else:
        model = keras.Sequential([keras.Input(shape=(28, 28, 1))] + layers + [D(10, activation="softmax")])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="categorical_crossentropy",
                      metrics=["accuracy"])
        onehot = np.eye(10, dtype=np.float32)
        shaped, targets = (lambda x: x[..., None]), (lambda y: onehot[y])

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            epochs.append(time.perf_counter() - self.t)

    epochs = []
    model.fit(shaped(xtr), targets(ytr), batch_size=a.batch, epochs=a.epochs, shuffle=True, callbacks=[Timer()],
              verbose=0)
    if regressor:
        scores = regression_scores(model.predict(xte, batch_size=1000, verbose=0), yte)
    else:
        _, acc = model.evaluate(shaped(xte), targets(yte), batch_size=1000, verbose=0)
        scores = {"test_accuracy": float(acc)}
    fn = tf.function(lambda x: model(x, training=False), reduce_retracing=True)
    x = shaped(xte)
    inference = time_inference(a, x, lambda b: fn(tf.constant(b)).numpy())
    return {"epoch_seconds": epochs, **scores, **inference,
            "kernels": f"TensorFlow {tf.__version__} / Keras {keras.__version__}: oneDNN "
                       f"(ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA', 'unset')})"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--framework", required=True, choices=["torch", "tf", "ort"])
    ap.add_argument("--model", required=True, choices=MODELS)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64, help="training batch size")
    ap.add_argument("--train-samples", type=int, default=0, help="first N training samples (0: all of them)")
    ap.add_argument("--batches", default="1,32,64,128", help="inference batch sizes")
    ap.add_argument("--latency-images", type=int, default=1000)
    ap.add_argument("--throughput-images", type=int, default=9984)
    ap.add_argument("--warm-up", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", default=DATA_DIR)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    a.batches = [int(b) for b in a.batches.split(",")]
    data = load_tabular(REGRESSORS[a.model], a.train_samples) if a.model in REGRESSORS else load(a.data_dir, a.train_samples)
    result = {"torch": run_torch, "tf": run_tf, "ort": run_ort}[a.framework](a, data)
    result.update({"framework": a.framework, "model": a.model, "train_samples": len(data[0]), "epochs": a.epochs,
                   "batch_size": a.batch, "threads": a.threads,
                   "isa_caps": {k: os.environ[k] for k in ("ONEDNN_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY",
                                                            "MKL_ENABLE_INSTRUCTIONS", "OPENBLAS_CORETYPE")
                                if k in os.environ}})
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    score = (f"mse {result['test_mse']:.4f} R² {result['test_r2']:.4f}" if "test_r2" in result
             else f"acc {result.get('test_accuracy', float('nan')):.4f}")
    print(f"[{a.framework} {a.model}] epochs {['%.3f' % s for s in result.get('epoch_seconds', [])]} "
          f"{score} b1 {result['batch1_p50_ms']:.4f} ms "
          f"img/s {({k: round(v) for k, v in result['images_per_s'].items()})}", file=sys.stderr)


if __name__ == "__main__":
    main()
