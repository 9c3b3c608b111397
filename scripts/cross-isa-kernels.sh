#!/usr/bin/env bash
# The same bits on another instruction set: Lepton's C kernels (Sources/CLeptonKernels)
# compiled for x86-64 and for aarch64 (NEON, fused multiply-add) run Tests/CrossISA/kernel_digest.c
# — GEMM in every layout, direct convolutions, their gradients — and every build with FMA
# must print the same digests: x86-64's AVX-512 (when this CPU has it) and AVX2 builds, and
# the aarch64 build under QEMU's user-mode emulator. The baseline x86-64 build (no FMA) is
# expected to differ and is only reported. Needs the Swift toolchain's clang and lld, and
# Debian's libc6-dev-arm64-cross, libgcc-12-dev-arm64-cross and qemu-user (`.ci/run`
# installs them: LEPTON_WITH_QEMU=1 make setup). Exit 0 same bits, 1 a difference, 3 a tool
# is missing. (The Swift side — reductions, PortableMath — is not compiled for aarch64 here:
# no Swift SDK for it is installed; docs/ARCHITECTURE.md, "Numerics".)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
k=$root/Sources/CLeptonKernels
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sysroot=/usr/aarch64-linux-gnu
for tool in clang qemu-aarch64; do
    command -v "$tool" >/dev/null || { echo "cross-isa: $tool is not installed (LEPTON_WITH_QEMU=1 make setup)" >&2; exit 3; }
done
[ -f "$sysroot/lib/libc.a" ] || { echo "cross-isa: no aarch64 C library under $sysroot (Debian: libc6-dev-arm64-cross libgcc-12-dev-arm64-cross)" >&2; exit 3; }

clang -O2 -I"$k/include" -I"$k" "$root/Tests/CrossISA/kernel_digest.c" "$k"/*.c -lpthread -o "$out/x86_64"
clang --target=aarch64-linux-gnu --sysroot="$sysroot" --gcc-toolchain=/usr -fuse-ld=lld -static -O2 \
    -I"$k/include" -I"$k" "$root/Tests/CrossISA/kernel_digest.c" "$k"/*.c -lpthread -o "$out/aarch64"

qemu-aarch64 "$out/aarch64" > "$out/aarch64.txt" 2> "$out/aarch64.isa"
reference=aarch64
echo "cross-isa: aarch64 ($(sed 's/^kernel_digest: //' "$out/aarch64.isa"), QEMU user mode): $(tail -1 "$out/aarch64.txt")"
failed=0
for build in avx512 avx2 baseline; do
    status=0
    "$out/x86_64" "$build" > "$out/$build.txt" 2> "$out/$build.isa" || status=$?
    if [ "$status" = 3 ]; then echo "cross-isa: x86-64 $build: skipped, this CPU cannot run it"; continue; fi
    [ "$status" = 0 ] || { cat "$out/$build.isa" >&2; exit 1; }
    isa=$(sed 's/^kernel_digest: //' "$out/$build.isa")
    if cmp -s "$out/$build.txt" "$out/$reference.txt"; then
        echo "cross-isa: x86-64 $isa: $(tail -1 "$out/$build.txt") — the same bits as aarch64 in all $(wc -l < "$out/$build.txt") lines"
    elif [ "$build" = baseline ]; then
        echo "cross-isa: x86-64 $isa: $(tail -1 "$out/$build.txt") — other bits, as expected without fused multiply-add"
    else
        echo "cross-isa: x86-64 $isa differs from aarch64; first difference:" >&2
        diff "$out/$reference.txt" "$out/$build.txt" | head -4 >&2
        failed=1
    fi
done
exit $failed
