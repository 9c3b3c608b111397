#!/usr/bin/env bash
# Dogfood: run the quick profile of every shipped experiment and check each against its
# committed baseline (Reports/baselines/<experiment>/quick/<host class>.json), judging
# deterministic metrics only — accuracies, and latencies on the modelled clock — so that
# machine noise cannot fail CI. Exit 1 on a regression or a failed run. With the same
# numerics fingerprint as the baseline (every CPU with FMA) deterministic metrics are
# compared bit for bit; with another, with their thresholds (threshold-crossing counts
# ±10 %); the host class only keeps wall-clock metrics apart. Each metric's rule is in the
# summary. Only an experiment with no baseline at all is skipped, and that fails the gate
# unless LEPTON_ALLOW_MISSING_BASELINE=1. Then the golden digests (Tests/Golden/quick.json)
# are checked against the same runs: every deterministic value, verdict and artifact bit.
#   scripts/dogfood.sh [path to lepton]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lepton=${1:-$root/.build/debug/lepton}
summary=${LEPTON_SUMMARY:-$root/Reports/ci-summary.md}
mkdir -p "$(dirname "$summary")"
: > "$summary"
if ! "$lepton" run --all --profile quick >/dev/null; then
    echo "dogfood: a quick run failed" >&2
    exit 1
fi
failed=0
for name in $("$lepton" list | grep -v '^ ' | cut -d' ' -f1); do
    "$lepton" check "$name" --deterministic-only --markdown "$summary" > /dev/null
    status=$?
    case $status in
        0) echo "dogfood: $name: no regression" ;;
        4) echo "dogfood: $name: improvements only (consider saving a new baseline)" ;;
        5) echo "dogfood: $name: no committed baseline for its quick profile on any host class (save one with: lepton baseline save $name)"
           [ "${LEPTON_ALLOW_MISSING_BASELINE:-0}" = 1 ] || failed=1 ;;
        2) echo "dogfood: $name: REGRESSION (see $summary)"; failed=1 ;;
        *) echo "dogfood: $name: check failed with status $status"; failed=1 ;;
    esac
done
if "$lepton" golden check; then
    echo "dogfood: golden digests: same bits"
else
    echo "dogfood: golden digests differ (see above)"; failed=1
fi
exit $failed
