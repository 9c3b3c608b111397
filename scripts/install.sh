#!/usr/bin/env bash
# Installs a built lepton with what lab files need into PREFIX:
#   bin/lepton, lib/lepton/ (libLeptonKit.so, the Swift modules, the C module maps),
#   share/lepton/Datasets, share/doc/lepton/TEACHING.md.
# Usage: scripts/install.sh BUILD_DIR PREFIX   (BUILD_DIR: .build/release or .build/debug)
# `make install PREFIX=…` calls it with the release build; the installed-lepton tests call
# it with the debug build.
set -euo pipefail
build=${1:?usage: scripts/install.sh BUILD_DIR PREFIX}
prefix=${2:?usage: scripts/install.sh BUILD_DIR PREFIX}
root=$(cd "$(dirname "$0")/.." && pwd)
for f in "$build/lepton" "$build/libLeptonKit.so" "$build/Modules/LeptonLab.swiftmodule"; do
    [ -e "$f" ] || { echo "scripts/install.sh: $f is missing; build lepton and LeptonKit first" >&2; exit 1; }
done
install -d "$prefix/bin" "$prefix/lib/lepton/Modules" "$prefix/share/lepton" "$prefix/share/doc/lepton"
install -m 755 "$build/lepton" "$prefix/bin/lepton"
install -m 755 "$build/libLeptonKit.so" "$prefix/lib/lepton/"
cp -R "$build/Modules/." "$prefix/lib/lepton/Modules/"
for m in CBLAS CGD CZlib; do
    install -d "$prefix/lib/lepton/include/$m"
    install -m 644 "$root/Sources/$m/module.modulemap" "$root/Sources/$m/shim.h" "$prefix/lib/lepton/include/$m/"
done
install -d "$prefix/lib/lepton/include/CLeptonKernels"
install -m 644 "$root"/Sources/CLeptonKernels/include/* "$prefix/lib/lepton/include/CLeptonKernels/"
# The C shims of package dependencies (Yams's libyaml, FlyingFox's sockets, swift-syntax's), which the
# Swift modules import (LabToolkit.packageShims).
checkouts="$(cd "$build/.." && pwd)/checkouts"
[ -d "$checkouts" ] || checkouts="$(cd "$build/../.." && pwd)/checkouts"
for pair in CYaml:Yams/Sources/CYaml/include CSystemLinux:FlyingFox/CSystemLinux/include _SwiftSyntaxCShims:swift-syntax/Sources/_SwiftSyntaxCShims/include; do
    name=${pair%%:*}; shim="$checkouts/${pair#*:}"
    [ -f "$shim/module.modulemap" ] || { echo "scripts/install.sh: $shim/module.modulemap is missing; build lepton first" >&2; exit 1; }
    install -d "$prefix/lib/lepton/include/$name"
    cp -R "$shim/." "$prefix/lib/lepton/include/$name/"
done
rm -rf "$prefix/share/lepton/Datasets" && cp -R "$root/Datasets" "$prefix/share/lepton/Datasets"
install -m 644 "$root/docs/TEACHING.md" "$prefix/share/doc/lepton/TEACHING.md"
