#!/usr/bin/env python3
"""Checks Lepton's exact DAG scheduler against an independent exact reference, OR-Tools CP-SAT.

For each seed, a random DAG instance (5..10 jobs, 3 devices, integer execution times,
integer link latencies and data sizes over a 1 byte/s link, so every time is an integer)
is written as a Lepton instance file, solved with `lepton schedule FILE --json`, and
modelled in CP-SAT: one optional interval per (job, device), exactly one chosen, no overlap
per device, and for every edge k -> i placed on devices a, b: start_i >= end_k + c_ab
(c_aa = 0, c_ab = latency_ab + data). Both optima must be proven and equal.

    pip install ortools                      # once
    scripts/check-exact-dag-cpsat.py [--lepton .build/release/lepton] [--instances 30] [--seed 1]

Exit status 0 when every optimum agrees, 1 otherwise.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

from ortools.sat.python import cp_model


def random_instance(seed, devices=3, jobs=(5, 10)):
    rng = random.Random(seed)
    n = rng.randint(*jobs)
    names = [f"d{j}" for j in range(devices)]
    links = []
    latency = {}
    for a in range(devices):
        for b in range(a + 1, devices):
            lat = rng.randint(0, 5)
            latency[(a, b)] = latency[(b, a)] = lat
            links.append({"from": names[a], "to": names[b], "latency": lat, "bandwidth": 8})
    execution = [[rng.randint(1, 20) for _ in range(devices)] for _ in range(n)]
    edges = []
    for k in range(n):
        for i in range(k + 1, n):
            if rng.random() < 0.3:
                edges.append((k, i, rng.randint(1, 15)))
    instance = {
        "name": f"cpsat-check-seed-{seed}",
        "devices": [{"name": name, "speed": 1} for name in names],
        "links": links,
        "jobs": [{"name": f"t{i}"} for i in range(n)],
        "edges": [{"from": f"t{k}", "to": f"t{i}", "data": d} for k, i, d in edges],
        "executionTimes": execution,
    }
    return instance, execution, edges, latency


def cpsat_optimum(execution, edges, latency, devices=3):
    n = len(execution)
    horizon = sum(max(row) for row in execution) + sum(d + 5 for _, _, d in edges)
    model = cp_model.CpModel()
    start = [model.NewIntVar(0, horizon, f"s{i}") for i in range(n)]
    end = [model.NewIntVar(0, horizon, f"e{i}") for i in range(n)]
    on = [[model.NewBoolVar(f"x{i}_{j}") for j in range(devices)] for i in range(n)]
    per_device = [[] for _ in range(devices)]
    for i in range(n):
        model.AddExactlyOne(on[i])
        for j in range(devices):
            interval = model.NewOptionalIntervalVar(start[i], execution[i][j], end[i], on[i][j], f"iv{i}_{j}")
            per_device[j].append(interval)
    for j in range(devices):
        model.AddNoOverlap(per_device[j])
    for k, i, data in edges:
        for a in range(devices):
            for b in range(devices):
                delay = 0 if a == b else latency[(a, b)] + data
                model.Add(start[i] >= end[k] + delay).OnlyEnforceIf([on[k][a], on[i][b]])
    makespan = model.NewIntVar(0, horizon, "makespan")
    model.AddMaxEquality(makespan, end)
    model.Minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 120
    status = solver.Solve(model)
    if status != cp_model.OPTIMAL:
        raise RuntimeError(f"CP-SAT did not prove optimality (status {solver.StatusName(status)})")
    return int(solver.ObjectiveValue())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lepton", default=None, help="the lepton executable (default: .build/release/lepton, else .build/debug/lepton)")
    parser.add_argument("--instances", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="5-10", help="job count range MIN-MAX (default 5-10)")
    parser.add_argument("--node-limit", type=int, default=None, help="passed to lepton schedule")
    parser.add_argument("--no-reference", action="store_true", help="time Lepton only (for size limits), skip CP-SAT")
    args = parser.parse_args()
    low, high = (int(x) for x in args.jobs.split("-"))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    lepton = args.lepton or next((p for p in (os.path.join(root, ".build/release/lepton"), os.path.join(root, ".build/debug/lepton"))
                                  if os.path.exists(p)), None)
    if lepton is None:
        sys.exit("no lepton executable: run `swift build -c release` or pass --lepton PATH")
    agree = 0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.seed, args.seed + args.instances):
            instance, execution, edges, latency = random_instance(seed, jobs=(low, high))
            path = os.path.join(folder, f"seed-{seed}.json")
            with open(path, "w") as f:
                json.dump(instance, f)
            t0 = time.perf_counter()
            limit = ["--node-limit", str(args.node_limit)] if args.node_limit else []
            out = subprocess.run([lepton, "schedule", path, "--json"] + limit, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"lepton schedule failed on seed {seed}: {out.stderr}")
            result = json.loads(out.stdout)
            t1 = time.perf_counter()
            reference = int(result["optimum"]["value"]) if args.no_reference else cpsat_optimum(execution, edges, latency)
            t2 = time.perf_counter()
            ours = result["optimum"]["value"]
            proven = result["optimum"]["proven"]
            same = proven and abs(ours - reference) < 1e-6
            agree += same
            rows.append((seed, len(execution), len(edges), ours, reference, proven, result["optimum"]["nodes"],
                         result["optimum"]["milliseconds"], (t2 - t1) * 1000, "ok" if same else "DIFFERENT"))
    print(f"{'seed':>4} {'jobs':>4} {'edges':>5} {'lepton':>7} {'cp-sat':>7} {'proven':>6} {'nodes':>8} {'solver ms':>9} {'cp-sat ms':>9}")
    for r in rows:
        print(f"{r[0]:>4} {r[1]:>4} {r[2]:>5} {r[3]:>7g} {r[4]:>7d} {str(r[5]):>6} {r[6]:>8} {r[7]:>9.1f} {r[8]:>9.1f}  {r[9]}")
    times = sorted(r[7] for r in rows)
    proven = sum(1 for r in rows if r[5])
    print(f"{proven} of {len(rows)} proven; " + ("no reference run; " if args.no_reference else f"{agree} of {len(rows)} optima agree; ")
          + f"Lepton's exact solver: median {times[len(times) // 2]:.1f} ms, "
          f"worst {times[-1]:.1f} ms ({os.path.basename(os.path.dirname(lepton))} build)")
    sys.exit(0 if agree == len(rows) else 1)


if __name__ == "__main__":
    main()
