#!/usr/bin/env python3
"""Keras side by side for `lepton run sensor-regression` (SEEDS.md 004 §5.2).

The same recipe on the same data and split: Seattle weather (Datasets/seattle-weather,
checksum verified), features precipitation, temp_min, wind -> target temp_max; the first
75 % of days train, the rest test; features standardised with training statistics;
Dense 64 ReLU -> Dense 32 ReLU -> Dense 1, MSE, Adam(1e-3), 10 epochs, batch 32, shuffled.
Each seed is trained, saved, reloaded and used for prediction; MSE, MAE and R² on the test
days per seed, with mean and standard deviation over seeds.

    /tmp/lepton-peers/venv-tf/bin/python scripts/keras_sensor.py --seeds 10 --out /tmp/keras-sensor.json
"""
import argparse, csv, hashlib, json, os, statistics, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, "Datasets", "seattle-weather", "seattle-weather.csv")
SHA256 = "62f0609f787158128aa2bd102967173a4953122dd4f872bf1d502cae1037df0b"
FEATURES, TARGET, TRAIN_FRACTION = ["precipitation", "temp_min", "wind"], "temp_max", 0.75


def load():
    digest = hashlib.sha256(open(CSV, "rb").read()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{CSV}: SHA-256 {digest} differs from the catalogue's {SHA256}; restore it with git checkout")
    rows = list(csv.DictReader(open(CSV)))
    x = [[float(r[f]) for f in FEATURES] for r in rows]
    y = [float(r[TARGET]) for r in rows]
    cut = int(TRAIN_FRACTION * len(rows))
    return x[:cut], y[:cut], x[cut:], y[cut:]


def scores(pred, y):
    n = len(y); mean = sum(y) / n
    sse = sum((a - b) ** 2 for a, b in zip(y, pred)); sst = sum((a - mean) ** 2 for a in y)
    return {"mse": sse / n, "mae": sum(abs(a - b) for a, b in zip(y, pred)) / n, "r2": 1 - sse / sst}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="keras-sensor.json")
    a = ap.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np, tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    xtr, ytr, xte, yte = load()
    xtr, xte = np.array(xtr, np.float32), np.array(xte, np.float32)
    mu, sd = xtr.mean(0), xtr.std(0)
    xtr, xte = (xtr - mu) / sd, (xte - mu) / sd
    per_seed = []
    for seed in range(1, a.seeds + 1):
        tf.keras.utils.set_random_seed(seed)
        model = tf.keras.Sequential([tf.keras.Input((len(FEATURES),)), tf.keras.layers.Dense(64, activation="relu"),
                                     tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1)])
        model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="mse")
        model.fit(xtr, np.array(ytr, np.float32), epochs=a.epochs, batch_size=32, shuffle=True, verbose=0)
        path = os.path.join(tempfile.mkdtemp(), "sensor.keras")
        model.save(path)
        reloaded = tf.keras.models.load_model(path)
        pred = reloaded.predict(xte, verbose=0).reshape(-1)
        same = bool(np.array_equal(pred, model.predict(xte, verbose=0).reshape(-1)))
        s = scores([float(p) for p in pred], yte); s["seed"] = seed; s["reload_identical"] = same
        per_seed.append(s)
        print(f"seed {seed}: R² {s['r2']:.4f}  MAE {s['mae']:.3f} °C  MSE {s['mse']:.3f}  reload identical: {same}", file=sys.stderr)
    summary = {k: {"mean": statistics.mean(s[k] for s in per_seed), "std": statistics.stdev(s[k] for s in per_seed),
                   "min": min(s[k] for s in per_seed), "max": max(s[k] for s in per_seed)} for k in ("mse", "mae", "r2")}
    out = {"framework": "keras", "tensorflow": tf.__version__, "epochs": a.epochs, "seeds": a.seeds,
           "train_days": len(ytr), "test_days": len(yte), "per_seed": per_seed, "summary": summary}
    json.dump(out, open(a.out, "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
