#!/usr/bin/env bash
# Opens a claims ledger (Reports/ledger/ledger-all.html) in headless Chromium (Debian
# package `chromium`) and checks what a researcher would see at each width:
#   - every id's entry (article.entry) shows its verdict badge inside the viewport, without
#     scrolling sideways (the badge's box lies between 0 and the viewport's right edge and
#     no ancestor clips it);
#   - the page itself does not scroll sideways;
#   - the per-document summary links every ledger-NNN.html that sits beside the file.
#
# Usage: scripts/ledger-browser-check.sh [--widths "1280 375"] LEDGER.html
# Prints one line per width; exits 0 when all pass, 1 when one fails, 2 on bad usage,
# 3 when chromium is not installed (apt-get install chromium, or LEPTON_WITH_CHROMIUM=1 make setup).
set -euo pipefail

widths="1280 375"
if [ "${1:-}" = "--widths" ]; then widths="$2"; shift 2; fi
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 [--widths \"1280 375\"] LEDGER.html (an existing file, e.g. Reports/ledger/ledger-all.html)" >&2
    exit 2
fi
ledger="$1"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
    echo "ledger-browser-check: chromium is not installed; apt-get install chromium (or LEPTON_WITH_CHROMIUM=1 make setup)" >&2
    exit 3
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folder="$(cd "$(dirname "$ledger")" && pwd)"
# The per-document ledgers beside it (ledger-000.html …), which the summary must link.
expected=$(cd "$folder" && ls ledger-[0-9][0-9][0-9].html 2>/dev/null | tr '\n' ' ')

probe='<script>addEventListener("load",function(){var vw=document.documentElement.clientWidth,entries=[].slice.call(document.querySelectorAll("article.entry")),hidden=0,first="-";entries.forEach(function(a){var v=a.querySelector(".entry-head .verdict"),ok=!!v;if(ok){var r=v.getBoundingClientRect();ok=r.width>0&&r.height>0&&r.left>=0&&r.right<=vw+1;for(var p=v.parentElement;ok&&p&&p!==document.body;p=p.parentElement){var s=getComputedStyle(p);if(s.overflowX!=="visible"&&r.right>p.getBoundingClientRect().right+1)ok=false}}if(!ok){hidden++;if(first==="-")first=a.id}});var links=[].slice.call(document.querySelectorAll("a[href]")).map(function(a){return a.getAttribute("href")}).filter(function(h){return /^ledger-[0-9a-z]+\.html$/.test(h)}),page=document.documentElement.scrollWidth>vw+1?1:0,r="viewport="+window.innerWidth+" entries="+entries.length+" hidden="+hidden+" first="+first+" pagewide="+page+" links="+(links.join(",")||"-");document.body.setAttribute("data-lepton-check",r);if(parent!==window)parent.postMessage(r,"*")})</script>'

# Copy the whole folder so relative links resolve; insert the probe after <meta charset=...>.
cp "$folder"/*.html "$work"/
name="$(basename "$ledger")"
awk -v probe="$probe" '!done && /<meta charset=/ { print; print probe; done = 1; next } { print }' "$folder/$name" > "$work/$name"

failed=0
for width in $widths; do
    harness="$work/harness-$width.html"
    printf '%s' "<!DOCTYPE html><html><body style=\"margin:0\"><script>addEventListener(\"message\",function(e){document.body.setAttribute(\"data-lepton-check\",String(e.data))})</script><iframe src=\"$name\" width=\"$width\" height=\"900\" style=\"border:0;display:block\"></iframe></body></html>" > "$harness"
    dom="$(timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --disable-extensions --mute-audio --user-data-dir="$work/profile" \
        --window-size="$((width + 40)),940" --virtual-time-budget=5000 --dump-dom "file://$harness" 2>/dev/null || true)"
    result="$(printf '%s' "$dom" | grep -o 'data-lepton-check="[^"]*"' | head -1 | sed 's/^data-lepton-check="//; s/"$//')"
    if [ -z "$result" ]; then
        echo "FAIL $ledger @${width}px: the page did not finish loading in Chromium" >&2
        failed=1
        continue
    fi
    get() { printf '%s' "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    problems=()
    [ "$(get viewport)" = "$width" ] || problems+=("viewport is $(get viewport) px, not $width")
    [ "$(get entries)" != 0 ] || problems+=("no ledger entries (article.entry) found")
    [ "$(get hidden)" = 0 ] || problems+=("$(get hidden) of $(get entries) verdicts not visible without scrolling sideways (first: $(get first))")
    [ "$(get pagewide)" = 0 ] || problems+=("the page scrolls sideways")
    links=",$(get links),"
    for doc in $expected; do
        [ "$doc" = "$name" ] && continue
        case "$links" in *",$doc,"*) ;; *) problems+=("no link to $doc") ;; esac
    done
    if [ ${#problems[@]} -eq 0 ]; then
        echo "ok   $ledger @${width}px: $(get entries) entries, every verdict visible beside its id, links to ${expected:-no other ledgers}"
    else
        (IFS=';'; echo "FAIL $ledger @${width}px: ${problems[*]}") >&2
        failed=1
    fi
done
exit $failed
