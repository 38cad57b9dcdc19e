#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Before/after pairs on a loaded machine: `code -j1` of two builds alternated on the same
# generated corpus and on the damaged PDF text, with raw ICU measured in the same run, by CPU
# time (user + system). See bench/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bash bench/ab.sh --base DIR --new DIR [options]
  --base DIR       build folder of the "before" binaries (bench/ and cli/ inside)
  --new DIR        build folder of the "after" binaries
  --size-mb N      MiB of generated text (default 20)
  --pdf-mb N       MB of the seed's damaged lines (default 20)
  --pairs N        alternated before/after pairs of each run (default 3)
  --tmp DIR        where the corpora go (default ${TMPDIR:-/tmp})
Prints each run's CPU seconds, the medians, after/before, and each as a ratio to raw ICU's
CPU time on the same text (supanalyze-bench icu_raw/per_segment of the "after" build), and
checks that both builds write the same bytes.
USAGE
}

base="" new="" size_mb=20 pdf_mb=20 pairs=3 tmp_root=${TMPDIR:-/tmp}
while [ $# -gt 0 ]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    --new) new=$2; shift 2 ;;
    --size-mb) size_mb=$2; shift 2 ;;
    --pdf-mb) pdf_mb=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --tmp) tmp_root=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ab.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$base" ] && [ -n "$new" ] || { usage >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "ab.sh: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "$tmp_root/supanalyze-ab.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
cpu_of() { # cpu_of OUT CMD...: runs CMD, writes its stdout to OUT, prints user+system seconds
  local out=$1; shift
  /usr/bin/time -f '%U %S' -o "$tmp/time.txt" "$@" > "$out" 2> "$tmp/stderr.txt" || { cat "$tmp/stderr.txt" >&2; exit 1; }
  awk '{print $1 + $2}' "$tmp/time.txt"
}
icu_cpu() { # bytes per CPU second of raw ICU on text file $1
  "$new/bench/supanalyze-bench" --text "$1" --benchmark_filter='^icu_raw/per_segment' --benchmark_repetitions="$pairs" \
    --benchmark_report_aggregates_only=true 2>/dev/null | awk '/^icu-baseline-bytes-per-second/ {print $5}'
}

"$new/bench/supanalyze-bench-generate" --size-mb "$size_mb" --seed 1 -o "$tmp/corpus" --text-out "$tmp/text.txt" > /dev/null
"$here/pdf-table.sh" "$pdf_mb" "$here/../tests/data/seed-2564.txt" "$tmp/pdf"

for run in generated pdf; do
  if [ $run = generated ]; then input=$tmp/corpus/corpus.tsv text=$tmp/text.txt; else input=$tmp/pdf/table.tsv text=$tmp/pdf/text.txt; fi
  bytes=$(stat -c %s "$text")
  : > "$tmp/before" ; : > "$tmp/after"
  for ((p = 1; p <= pairs; p++)); do
    b=$(cpu_of "$tmp/out.before" "$base/cli/supanalyze" code "$input" -j1)
    a=$(cpu_of "$tmp/out.after" "$new/cli/supanalyze" code "$input" -j1)
    cmp -s "$tmp/out.before" "$tmp/out.after" || { echo "ab.sh: $run: the two builds' outputs differ" >&2; exit 1; }
    echo "$b" >> "$tmp/before"; echo "$a" >> "$tmp/after"
    printf '%-10s pair %d: before %6.2f s CPU, after %6.2f s CPU\n' "$run" "$p" "$b" "$a"
  done
  icu=$(icu_cpu "$text")
  awk -v b="$(median < "$tmp/before")" -v a="$(median < "$tmp/after")" -v n="$bytes" -v icu="$icu" -v run="$run" 'BEGIN {
    t = n / icu
    printf "%-10s %.1f MB: raw ICU %.2f s CPU; code -j1 before %.2f s (%.2fx ICU), after %.2f s (%.2fx ICU); after/before %.2f; same output\n",
      run, n / 1e6, t, b, t / b, a, t / a, a / b }'
done
