#!/usr/bin/env bash
# Installs the Debian packages Lepton needs, only those that are missing.
# Safe to run repeatedly; uses sudo when not root. Set LEPTON_SKIP_APT=1 to skip.
set -euo pipefail

# fonts-wqy-zenhei (7.5 MB) draws Chinese, Japanese and Korean chart text, found through
# fontconfig (libfontconfig-dev); chromium (for the browser test, ~100 MB) only with
# LEPTON_WITH_CHROMIUM=1, as .ci/run sets; qemu-user (user-mode CPU emulation, for the
# emulated-CPU golden test, Tests/LeptonCLITests/EmulatedCPUTests.swift) only with
# LEPTON_WITH_QEMU=1, as .ci/run sets too.
packages=(libopenblas-dev libgd-dev libfontconfig-dev zlib1g-dev pkg-config fonts-dejavu-core fonts-wqy-zenhei
          dataset-fashion-mnist)
if [ "${LEPTON_WITH_CHROMIUM:-0}" = 1 ]; then packages+=(chromium); fi
if [ "${LEPTON_WITH_QEMU:-0}" = 1 ] && [ "$(uname -m)" = x86_64 ]; then packages+=(qemu-user); fi

if [ "${LEPTON_SKIP_APT:-0}" = 1 ]; then exit 0; fi
if ! command -v swift >/dev/null 2>&1; then
    echo "setup: Swift 6 is not on PATH; install a Swift 6.x toolchain first (https://www.swift.org/install/linux/)" >&2
    exit 1
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not a Debian-based system; install the equivalents of: ${packages[*]}" >&2
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
