#!/usr/bin/env bash
# The dogfood gate (scripts/dogfood.sh: every shipped experiment's quick profile against
# the committed baselines, then the golden digests) on an emulated CPU of another kind:
# lepton runs under QEMU's user-mode emulator (Debian: qemu-user) with that CPU's cpuid, so
# it picks the kernel build it would pick on that hardware (docs/ARCHITECTURE.md, "Numerics").
#   scripts/emulated-dogfood.sh [QEMU CPU model] [path to lepton]
#   scripts/emulated-dogfood.sh EPYC-v1 .build/release/lepton   # an AMD EPYC Zen 1: AVX2 + FMA, no AVX-512
# `qemu-x86_64 -cpu help` lists the models (Haswell-v4, Skylake-Client-v4, SandyBridge-v1…).
# About 14 minutes with a release build (5× native); a debug build takes about 4× longer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cpu=${1:-EPYC-v1}
lepton=$(realpath "${2:-$root/.build/release/lepton}")
qemu=$(command -v qemu-x86_64) || { echo "emulated-dogfood: qemu-x86_64 is not installed (Debian: apt-get install qemu-user)" >&2; exit 1; }
[ -x "$lepton" ] || { echo "emulated-dogfood: $lepton is not built (swift build -c release --product lepton)" >&2; exit 1; }
wrapper=$(mktemp -d)/lepton
trap 'rm -rf "$(dirname "$wrapper")"' EXIT
# QEMU warns once per process about each cpuid feature its TCG cannot emulate (rdseed,
# sha-ni…, dropped from the emulated cpuid, none used by Lepton): filtered out.
printf '#!/usr/bin/env bash\nexec %q -cpu %q %q "$@" 2> >(grep --line-buffered -v "TCG doesn.t support requested feature" >&2)\n' \
    "$qemu" "$cpu" "$lepton" > "$wrapper"
chmod +x "$wrapper"
# A reports folder of its own: no cached cell computed natively can stand in for an
# emulated one, and the checkout's Reports/ is left alone. The baselines come along.
reports=${LEPTON_REPORTS_OUT:-$(mktemp -d /tmp/lepton-emulated-XXXXXX)}
mkdir -p "$reports" && cp -r "$root/Reports/baselines" "$reports/"
echo "emulated-dogfood: $lepton as a $cpu, runs in $reports (the golden check names the kernel build it ran)" >&2
LEPTON_REPORTS=$reports LEPTON_SUMMARY=$reports/ci-summary.md bash "$root/scripts/dogfood.sh" "$wrapper"
