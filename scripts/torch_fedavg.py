#!/usr/bin/env python3
"""PyTorch peer check for `lepton run federated-learning` (FedAvg, McMahan et al. 2017).

The same recipe as the notebook's quick profile, written independently in PyTorch: the
embedded digits (Datasets/digits/digits.csv.gz, checksum verified; pixels / 16; within each
class every 5th sample is a test sample), K = 10 clients with IID shards, C = 0.5, E = 5,
B = 10, SGD η = 0.1 without momentum, McMahan's 2NN (Dense 200 ReLU, Dense 200 ReLU,
Dense 10 softmax) with Keras initialisers (Glorot uniform kernels, zero biases), averaging
weighted by sample counts; test accuracy after every round, for several seeds.

With --lepton RESULTS.json (a `lepton run federated-learning --profile quick --set
target-accuracy=1 --set rounds=R --seeds S` run) it prints Lepton's per-round accuracy
(mean over its seeds) beside the peer's mean, standard deviation and min–max, and says
per round whether Lepton lies within the peer's seed-to-seed range.

    /tmp/lepton-peers/venv-torch/bin/python scripts/torch_fedavg.py --rounds 20 --seeds 5 \
        --lepton Reports/federated-learning/<run>/results.json --out /tmp/torch-fedavg.json
"""
import argparse, gzip, hashlib, json, os, statistics, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS = os.path.join(ROOT, "Datasets", "digits", "digits.csv.gz")
SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"


def load_digits():
    raw = open(DIGITS, "rb").read()
    if hashlib.sha256(raw).hexdigest() != SHA256:
        sys.exit(f"{DIGITS}: checksum differs from Datasets/catalogue.json; restore it with git checkout")
    rows = [list(map(float, l.split(","))) for l in gzip.decompress(raw).decode().splitlines() if l.strip()]
    seen, train, test = {}, [], []
    for r in rows:
        label = int(r[-1]); seen[label] = seen.get(label, 0) + 1
        (test if seen[label] % 5 == 0 else train).append(([v / 16 for v in r[:-1]], label))
    return train, test


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--fraction", type=float, default=0.5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lepton", help="a Lepton results.json to compare with")
    ap.add_argument("--out", default="torch-fedavg.json")
    a = ap.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    train, test = load_digits()
    xtr = torch.tensor([x for x, _ in train]); ytr = torch.tensor([y for _, y in train])
    xte = torch.tensor([x for x, _ in test]); yte = torch.tensor([y for _, y in test])

    def make_model():
        m = torch.nn.Sequential(torch.nn.Linear(64, 200), torch.nn.ReLU(), torch.nn.Linear(200, 200), torch.nn.ReLU(),
                                torch.nn.Linear(200, 10))
        for layer in m:
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.xavier_uniform_(layer.weight); torch.nn.init.zeros_(layer.bias)
        return m

    curves = []
    for seed in range(1, a.seeds + 1):
        g = torch.Generator().manual_seed(seed); torch.manual_seed(seed)
        order = torch.randperm(len(train), generator=g)
        shards = [order[k::a.clients] for k in range(a.clients)]
        glob = make_model(); local = make_model()
        m = max(1, int(-(-a.fraction * a.clients // 1)))
        curve = []
        for r in range(1, a.rounds + 1):
            chosen = sorted(torch.randperm(a.clients, generator=g)[:m].tolist())
            n = sum(len(shards[k]) for k in chosen)
            new = {name: torch.zeros_like(p) for name, p in glob.state_dict().items()}
            for k in chosen:
                local.load_state_dict(glob.state_dict())
                opt = torch.optim.SGD(local.parameters(), lr=a.lr)
                idx = shards[k]
                for _ in range(a.epochs):
                    perm = idx[torch.randperm(len(idx), generator=g)]
                    for b in range(0, len(perm), a.batch):
                        batch = perm[b:b + a.batch]
                        opt.zero_grad()
                        torch.nn.functional.cross_entropy(local(xtr[batch]), ytr[batch]).backward()
                        opt.step()
                for name, p in local.state_dict().items():
                    new[name] += p * (len(idx) / n)
            glob.load_state_dict(new)
            with torch.no_grad():
                acc = (glob(xte).argmax(1) == yte).float().mean().item()
            curve.append(acc)
        curves.append(curve)
        print(f"seed {seed}: " + " ".join(f"{c:.3f}" for c in curve), file=sys.stderr)

    per_round = [{"round": r + 1, "mean": statistics.mean(c[r] for c in curves),
                  "std": statistics.stdev(c[r] for c in curves) if len(curves) > 1 else 0.0,
                  "min": min(c[r] for c in curves), "max": max(c[r] for c in curves)} for r in range(a.rounds)]
    out = {"framework": "pytorch", "torch": torch.__version__, "recipe": vars(a), "curves": curves, "per_round": per_round}
    if a.lepton:
        lepton = lepton_curves(a.lepton)
        rows, inside = [], 0
        for p in per_round:
            vals = lepton.get(p["round"], [])
            if not vals:
                continue
            lm = statistics.mean(vals)
            ok = p["min"] - 1e-12 <= lm <= p["max"] + 1e-12
            inside += ok
            rows.append({"round": p["round"], "lepton_mean": lm, "lepton_seeds": len(vals), **p, "within_peer_range": ok})
        out["comparison"] = rows
        print("| round | Lepton (mean of %d seeds) | PyTorch mean ± std | PyTorch min–max | within |" % len(next(iter(lepton.values()))))
        print("|---|---|---|---|---|")
        for row in rows:
            print(f"| {row['round']} | {row['lepton_mean']:.4f} | {row['mean']:.4f} ± {row['std']:.4f} | "
                  f"{row['min']:.4f}–{row['max']:.4f} | {'yes' if row['within_peer_range'] else 'no'} |")
        print(f"\n{inside} of {len(rows)} rounds within the peer's seed-to-seed range", file=sys.stderr)
    json.dump(out, open(a.out, "w"), indent=1)


def lepton_curves(path):
    """Per-round accuracies of Lepton's fedavg-iid runs, from the run's per-round table(s)."""
    doc = json.load(open(path))
    curves = {}
    for t in doc.get("tables", []):
        if t["title"].startswith("Per-round test accuracy (fedavg-iid)"):
            for row in t["rows"]:
                curves.setdefault(int(row[0]), []).append(float(row[1]))
    if not curves:
        sys.exit(f"{path}: no 'Per-round test accuracy (fedavg-iid)' table; run the quick profile with --set target-accuracy=1")
    return curves


if __name__ == "__main__":
    main()
