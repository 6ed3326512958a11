#!/usr/bin/env bash
# Renders `casefile report --html` of the bundled corpus in headless Chromium and checks
# the screenshot: the page is not blank, the timelines' blue rail and event dots are drawn,
# and the conflicts' red highlight is drawn. Installs Debian's `chromium` when missing and
# this runs as root; when no browser can be had, prints why and skips (exit 0).
# Usage: bash tests/scripts/report_browser.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
skip() { echo "report browser test: SKIPPED: $*"; exit 0; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "report browser test: installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || skip "apt-get install chromium failed"
    browser=$(command -v chromium || true)
  fi
  [ -n "$browser" ] || skip "no chromium"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot="${1:-$work/report.png}"
cargo build --release --quiet
target/release/casefile run --quiet --out "$work/out"
target/release/casefile report --out "$work/out" --html "$work/report.html" 2>/dev/null
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=1200,2400 \
  --screenshot="$shot" "file://$work/report.html" >"$work/chromium.log" 2>&1 \
  || { cat "$work/chromium.log"; echo "FAIL: chromium did not render the page"; exit 1; }
[ -s "$shot" ] || { cat "$work/chromium.log"; echo "FAIL: no screenshot"; exit 1; }
python3 - "$shot" <<'PY'
import struct, sys, zlib

def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), f"unsupported PNG {depth}/{color}"
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

w, h, bpp, rows = read_png(sys.argv[1])
def near(px, rgb, tol=40):
    return all(abs(px[i] - rgb[i]) <= tol for i in range(3))
blue, red = (0x1f, 0x6f, 0xeb), (0xd1, 0x24, 0x2f)
n_blue = n_red = n_dark = 0
rail_rows = 0
dots, in_dot = 0, False
for y, r in enumerate(rows):
    row_blue, run, best = 0, 0, 0
    for x in range(0, w):
        px = r[x * bpp:x * bpp + 3]
        if near(px, blue):
            n_blue += 1; row_blue += 1
            if x < 80:
                run += 1; best = max(best, run)
        else:
            run = 0
            if near(px, red): n_red += 1
            elif sum(px) < 200: n_dark += 1
    if row_blue >= 4: rail_rows += 1
    # An event dot: a solid disc on the rail, 12+ blue pixels in a row at the left.
    if best >= 12 and not in_dot: dots += 1
    in_dot = best >= 12
print(f"screenshot {w}x{h}: {n_dark} text pixels, {n_blue} timeline-blue, {n_red} conflict-red, "
      f"{rail_rows} rows crossed by the rail, {dots} event dots")
assert n_dark > 5000, "the page looks blank (no text drawn)"
assert rail_rows > h // 4, "the timelines' rail is not drawn down the page"
assert dots >= 10, "too few event dots on the timelines"
assert n_red > 500, "the conflict highlight is not drawn"
print("report browser test: screenshot ok")
PY
# The filters, run by the browser: views preset from the address (#type=...&entity=...).
dump() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --dump-dom "file://$work/report.html#$1" 2>"$work/chromium.log" \
    || { cat "$work/chromium.log"; echo "FAIL: chromium did not load the page"; exit 1; }
}
dump "type=sentence&entity=kharkova" >"$work/by-type.html"
dump "from=2022&to=2022" >"$work/by-date.html"
python3 - "$work/by-type.html" "$work/by-date.html" <<'PY'
import re, sys
LI = re.compile(r'<li class="(event[^"]*)" id="([^"]*)" data-type="([^"]*)" data-category="[^"]*" data-date="([^"]*)" data-basis="([^"]*)"')
SEC = re.compile(r'<section class="entity ([^"]*)" id="([^"]*)"')
def read(p):
    dom = open(p).read()
    assert '<form id="filters" role="search"' in dom, "the filter bar is not shown"
    lis = LI.findall(dom)
    assert lis, "no events in the page"
    shown = [l for l in lis if "filtered-out" not in l[0]]
    secs = [i for c, i in SEC.findall(dom) if "filtered-out" not in c]
    return dom, lis, shown, secs
dom, lis, shown, secs = read(sys.argv[1])
assert shown and len(shown) < len(lis), (len(shown), len(lis))
assert all(t == "sentence" for _, _, t, _, _ in shown), shown
assert secs == ["person-larisa-kharkova"], secs
assert re.search(r'<output id="shown">%d of %d event entries shown</output>' % (len(shown), len(lis)), dom)
print(f"type and entity filter: {len(shown)} of {len(lis)} event entries shown")
dom, lis, shown, secs = read(sys.argv[2])
assert shown and len(shown) < len(lis), (len(shown), len(lis))
for _, i, _, d, basis in shown:
    # Dated in 2022, or "no later than" a date from 2022 on (it may fall in 2022).
    assert d[:4] == "2022" or (basis == "entry" and d >= "2022"), (i, d, basis)
hidden = [l for l in lis if "filtered-out" in l[0]]
assert all(d[:4] != "2022" for _, _, _, d, _ in hidden), "a 2022 event was hidden"
print(f"date filter: {len(shown)} of {len(lis)} event entries shown")
print("report browser test: ok")
PY
