#!/usr/bin/env bash
# Deliberately re-record what the gates compare against, after a change that is meant to
# move numbers: the quick profile of every shipped experiment (seed 1, no cache), then each
# experiment's quick baseline (Reports/baselines/<experiment>/quick/<host class>.json) and the
# golden digests (Tests/Golden/quick.json). Commit both with the change, saying why.
#   scripts/rebaseline.sh [path to lepton]     (default: the release build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lepton=${1:-$root/.build/release/lepton}
"$lepton" run --all --profile quick --no-cache >/dev/null
for name in $("$lepton" list | grep -v '^ ' | cut -d' ' -f1); do
    "$lepton" baseline save "$name" | tail -1
done
"$lepton" golden write
