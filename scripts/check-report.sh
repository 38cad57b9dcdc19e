#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders the HTML report of the bundled corpus in headless Chromium (Debian `chromium`) to PNG
# and PDF, and fails on a blank page, a missing chart or a console message:
#   - the DOM Chromium built holds one bar chart per question with themes and a heatmap per
#     instrument (the report's own count, taken from the HTML it was given);
#   - the screenshot is not blank (many colours) and shows the first chart's bar colours;
#   - the A4 PDF has pages and embedded fonts;
#   - Chromium logged no console message (the page has no script, so any is an error).
# usage: scripts/check-report.sh [SUPANALYZE_BINARY] [--update-picture]
#   --update-picture copies the screenshot to docs/img/report.png (shown in README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=build/cli/supanalyze
update=0
for arg in "$@"; do
  case "$arg" in
    --update-picture) update=1 ;;
    *) binary=$arg ;;
  esac
done
[ -x "$binary" ] || { echo "check-report: no supanalyze binary at $binary (build first)" >&2; exit 2; }
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "check-report: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html=$work/report.html
"$binary" report -o "$html"

# Headless Chromium as CI runs it: as root (no sandbox), no GPU, its profile in the work folder,
# no first-run or network noise.
browse() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --mute-audio \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" "file://$html"
}
browse --window-size=1100,1900 --screenshot="$work/report.png" 2> "$work/screenshot.log" > /dev/null
browse --print-to-pdf="$work/report.pdf" --no-pdf-header-footer 2> "$work/pdf.log" > /dev/null
browse --dump-dom > "$work/dom.html" 2> "$work/dom.log"

"$python" - "$html" "$work" <<'EOF'
import re, struct, sys, zlib

html_path, work = sys.argv[1], sys.argv[2]
failures = []

# Console messages: Chromium logs each as "CONSOLE(line)" with --enable-logging=stderr.
for log in ("screenshot.log", "pdf.log", "dom.log"):
    for line in open(f"{work}/{log}", encoding="utf-8", errors="replace"):
        if "CONSOLE" in line or "Uncaught" in line:
            failures.append(f"console message in {log}: {line.strip()}")

# The charts in the DOM Chromium built: one bar chart per question that has themes, one heatmap
# per instrument, each with its bars or cells.
source = open(html_path, encoding="utf-8").read()
dom = open(f"{work}/dom.html", encoding="utf-8").read()
questions = len(re.findall(r'<section class="question"', source))
themed = len(re.findall(r'<ol class="themes">', source))
instruments = len(re.findall(r'<section class="instrument"', source))
bars = len(re.findall(r'<svg[^>]*class="bars"', dom))
heatmaps = len(re.findall(r'<svg[^>]*class="heatmap"', dom))
bar_groups = len(re.findall(r'<g class="bar"', dom))
if questions == 0 or themed == 0:
    failures.append("the report has no question with themes")
if bars != themed:
    failures.append(f"{bars} bar charts in the DOM, expected {themed}")
if heatmaps != instruments:
    failures.append(f"{heatmaps} heatmaps in the DOM, expected {instruments}")
if bar_groups < themed:
    failures.append(f"only {bar_groups} bars in the DOM")

def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit non-interlaced RGB/RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        at += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, bpp)])
        previous = line
    return width, height, rows

width, height, rows = png_pixels(f"{work}/report.png")
colours = {}
for row in rows:
    for px in row:
        colours[px] = colours.get(px, 0) + 1
background = max(colours.values()) / (width * height)
if len(colours) < 50 or background > 0.97:
    failures.append(f"the screenshot looks blank: {len(colours)} colours, {background:.0%} one colour")
# The first chart's bars, drawn in their themes' colours, are on the screenshot.
first_chart = source[source.index('class="bars"'):source.index("</svg>", source.index('class="bars"'))]
fills = re.findall(r'<rect [^>]*fill="#([0-9a-f]{6})"/>', first_chart)
bar_colours = {tuple(int(f[i:i + 2], 16) for i in (0, 2, 4)) for f in fills if f != "eef1f5"}
missing = [c for c in bar_colours if colours.get(c, 0) < 50]
if not bar_colours or missing:
    failures.append(f"the first chart's bar colours are not on the screenshot: {missing or 'no bars'}")

pdf = open(f"{work}/report.pdf", "rb").read()
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
if not pdf.startswith(b"%PDF") or pages < 5 or b"/FontFile" not in pdf:
    failures.append(f"the PDF is not a printed report: {pages} pages, fonts embedded: {b'/FontFile' in pdf}")

if failures:
    print("check-report: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"check-report: ok: {questions} questions, {bars} bar charts, {heatmaps} heatmaps in the DOM; "
      f"screenshot {width}x{height} with {len(colours)} colours; PDF {pages} A4 pages; no console message")
EOF

if [ "$update" -eq 1 ]; then
  mkdir -p docs/img
  cp "$work/report.png" docs/img/report.png
  echo "check-report: docs/img/report.png updated"
fi
