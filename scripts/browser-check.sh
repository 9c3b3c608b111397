#!/usr/bin/env bash
# Opens Lepton reports in headless Chromium (Debian package `chromium`) at phone and
# desktop widths and checks what a reader would see:
#   - every <img> loaded and decoded (naturalWidth > 0),
#   - no script error,
#   - nothing wider than the viewport (the page does not scroll sideways and no
#     element reaches past its right edge), with every <details> open. Content inside a
#     <pre> or a table frame (.table-wrap) may scroll within its frame, which must fit;
#     the ok line says how many tables do (a table with twenty columns cannot fit 375 px).
#
# Usage: scripts/browser-check.sh [--widths "375 1280"] REPORT.html...
# Prints one line per report and width; exits 0 when all pass, 1 when one fails,
# 2 on bad usage, 3 when chromium is not installed (apt-get install chromium, or
# LEPTON_WITH_CHROMIUM=1 make setup).
set -euo pipefail

widths="375 1280"
if [ "${1:-}" = "--widths" ]; then widths="$2"; shift 2; fi
if [ $# -eq 0 ]; then
    echo "usage: $0 [--widths \"375 1280\"] REPORT.html..." >&2
    exit 2
fi
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
    echo "browser-check: chromium is not installed; apt-get install chromium (or LEPTON_WITH_CHROMIUM=1 make setup)" >&2
    exit 3
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The probe runs before the report's own script, so it sees the report's errors.
probe='<script>window.__leptonErrors=[];addEventListener("error",function(e){if(!e.target||!e.target.tagName){__leptonErrors.push(String(e.message).replace(/[^A-Za-z0-9 .:_-]/g,"_"))}},true);addEventListener("load",function(){document.querySelectorAll("details").forEach(function(d){d.open=true});var vw=document.documentElement.clientWidth,imgs=[].slice.call(document.images),broken=imgs.filter(function(i){return !i.complete||i.naturalWidth===0}).length,over=[];document.querySelectorAll("body *").forEach(function(el){if(el.parentElement&&el.parentElement.closest("pre,.table-wrap"))return;var r=el.getBoundingClientRect();if(r.width>0&&r.right>vw+1)over.push(el.tagName.toLowerCase()+(el.className?"."+String(el.className).split(" ")[0]:""))});var page=document.documentElement.scrollWidth>vw+1?1:0,scrolling=[].filter.call(document.querySelectorAll(".table-wrap"),function(w){return w.scrollWidth>w.clientWidth+1}).length;var r="viewport="+window.innerWidth+" images="+imgs.length+" broken="+broken+" errors="+__leptonErrors.length+" pagewide="+page+" overflow="+over.length+" scrolling="+scrolling+" first="+(over[0]||"-")+" error="+(__leptonErrors[0]||"-").replace(/ /g,"_");document.body.setAttribute("data-lepton-check",r);if(parent!==window)parent.postMessage(r,"*")})</script>'

failed=0
index=0
for report in "$@"; do
    if [ ! -f "$report" ]; then
        echo "FAIL $report: no such file" >&2
        failed=1
        continue
    fi
    index=$((index + 1))
    copy="$work/$index.html"
    # Insert the probe right after <meta charset=...>, the first element of every report's head.
    awk -v probe="$probe" '!done && /<meta charset=/ { print; print probe; done = 1; next } { print }' "$report" > "$copy"
    for width in $widths; do
        # Headless Chromium's window is at least 500 px wide, so the report is opened in
        # an iframe of exactly $width CSS pixels: its own viewport, media queries included.
        # The probe inside posts its result to this page, which --dump-dom prints.
        harness="$work/$index-$width.html"
        printf '%s' "<!DOCTYPE html><html><body style=\"margin:0\"><script>addEventListener(\"message\",function(e){document.body.setAttribute(\"data-lepton-check\",String(e.data))})</script><iframe src=\"$index.html\" width=\"$width\" height=\"900\" style=\"border:0;display:block\"></iframe></body></html>" > "$harness"
        dom="$(timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
            --disable-extensions --mute-audio --user-data-dir="$work/profile" \
            --window-size="$((width + 40)),940" --virtual-time-budget=5000 --dump-dom "file://$harness" 2>/dev/null || true)"
        result="$(printf '%s' "$dom" | grep -o 'data-lepton-check="[^"]*"' | head -1 | sed 's/^data-lepton-check="//; s/"$//')"
        if [ -z "$result" ]; then
            echo "FAIL $report @${width}px: the page did not finish loading in Chromium" >&2
            failed=1
            continue
        fi
        get() { printf '%s' "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        problems=()
        [ "$(get viewport)" = "$width" ] || problems+=("viewport is $(get viewport) px, not $width")
        [ "$(get broken)" = 0 ] || problems+=("$(get broken) of $(get images) images broken")
        [ "$(get errors)" = 0 ] || problems+=("$(get errors) script errors (first: $(get error))")
        [ "$(get pagewide)" = 0 ] || problems+=("the page scrolls sideways")
        [ "$(get overflow)" = 0 ] || problems+=("$(get overflow) elements past the right edge (first: $(get first))")
        if [ ${#problems[@]} -eq 0 ]; then
            echo "ok   $report @${width}px: $(get images) images, 0 broken, 0 script errors, no overflow; $(get scrolling) tables scroll within their frame"
        else
            (IFS=';'; echo "FAIL $report @${width}px: ${problems[*]}") >&2
            failed=1
        fi
    done
done
exit $failed
