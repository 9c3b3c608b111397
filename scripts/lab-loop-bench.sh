#!/usr/bin/env bash
# The notebook loop with lab files, timed on this machine: the first run of a new
# one-cell lab (compile + run), an edit of one line (recompile + run, only the edited
# code reruns) and an unchanged rerun (cached cells, cached build). Each phase runs
# RUNS times (default 5) in fresh folders; medians are printed against the targets of
# issue 11 (≤ 6 s, ≤ 4 s, ≤ 1 s beyond the cells' own time).
#   scripts/lab-loop-bench.sh [path to lepton] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lepton=$(realpath "${1:-$root/.build/release/lepton}")
runs=${2:-5}
[ -x "$lepton" ] || { echo "lab-loop-bench: $lepton not found; run make build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The cells' own run time in a run's results.json (cached cells: 0).
cell_time() {
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(c["seconds"] for c in r["cells"] if c["status"]=="ran"))' "$1"
}
latest() { ls -td "$1"/Reports/lab*/*/ | head -1; }

first=(); edit=(); again=(); again_cells=()
for i in $(seq 1 "$runs"); do
    dir="$work/run$i"; mkdir -p "$dir"; cd "$dir"
    "$lepton" new "lab$i.swift" >/dev/null
    # A new lab each time: a helper constant makes its source (and build) unique.
    printf '\nfunc labConstant() -> Int { %d }\n' "$i$RANDOM" >> "lab$i.swift"
    t0=$(now); "$lepton" run "lab$i.swift" --profile quick >/dev/null 2>&1; t1=$(now)
    first+=("$(seconds "$t0" "$t1")")
    sed -i 's/epochs(3)/epochs(4)/' "lab$i.swift"
    t0=$(now); "$lepton" run "lab$i.swift" --profile quick >/dev/null 2>&1; t1=$(now)
    edit+=("$(seconds "$t0" "$t1")")
    t0=$(now); "$lepton" run "lab$i.swift" --profile quick >/dev/null 2>&1; t1=$(now)
    again+=("$(seconds "$t0" "$t1")")
    again_cells+=("$(cell_time "$(latest "$dir")results.json")")
done

m_first=$(printf '%s\n' "${first[@]}" | median)
m_edit=$(printf '%s\n' "${edit[@]}" | median)
m_again=$(printf '%s\n' "${again[@]}" | median)
m_cells=$(printf '%s\n' "${again_cells[@]}" | median)
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "meets" : "MISSES" }'; }
over=$(awk -v a="$m_again" -v c="$m_cells" 'BEGIN { printf "%.3f", a - c }')
echo "lab loop on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $runs runs each, median wall seconds"
printf '| phase | median | all runs | target | |\n|---|---:|---|---:|---|\n'
printf '| new lab: compile + run | %s | %s | 6 | %s |\n' "$m_first" "${first[*]}" "$(verdict "$m_first" 6)"
printf '| edit one line: recompile + run | %s | %s | 4 | %s |\n' "$m_edit" "${edit[*]}" "$(verdict "$m_edit" 4)"
printf '| unchanged rerun, beyond the cells (%s s) | %s | %s | 1 | %s |\n' "$m_cells" "$over" "${again[*]}" "$(verdict "$over" 1)"
