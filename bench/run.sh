#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-process benchmark of supanalyze (bench/README.md): generates a synthetic corpus, measures
# raw ICU word breaking on its text with supanalyze-bench, then times `corpus check` (parsing and
# checking rows, no normalization), `code -j1`, `code -j2` and `matrix -j2` on it with /usr/bin/time -v (wall time and peak
# memory) and prints each as a ratio to raw ICU. Every command runs under a timeout; the
# temporary folder is removed on exit, whatever happens.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash bench/run.sh [options]
  --build DIR      build folder with the binaries (default: build-bench beside bench/)
  --size-mb N      MiB of text to generate (default 50; up to 1024)
  --seed N         generator seed (default 1)
  --reps N         repetitions of each measurement; medians are printed (default 3)
  --timeout S      seconds allowed for each command before it is stopped (default 1200)
  --tmp DIR        where to put the temporary corpus (default ${TMPDIR:-/tmp}); needs about
                   2.2 x --size-mb of free space
  --runs LIST      which whole-process runs, comma-separated (default all):
                   read (corpus check), code1 (code -j1), code2 (code -j2), matrix2 (matrix -j2),
                   cb20, cb2000 (code -j1 with a generated 20- and 2000-term codebook: same rows),
                   pdf (code -j1 on text as pasted from a PDF: the seed's own lines, damage and all)
  --pdf-mb N       MB (10^6 bytes) of text in the damaged-text table of the pdf run (default 20):
                   tests/data/seed-2564.txt line by line, repeated, questions Q01-Q25 and
                   provinces P01-P08 dealt round-robin, no corpus.yaml (as an analyst's sheet);
                   raw ICU is measured on the same lines for its own ratio
  --icu-sample-mb N  raw ICU is measured on the first N MiB of the same text (default 64):
                   its speed per byte does not depend on the size, and supanalyze-bench holds
                   its text in memory
Build first:
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench -j2
Examples:
  bash bench/run.sh
  bash bench/run.sh --size-mb 1024 --reps 1 --runs read,matrix2 --timeout 3600
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build="$here/../build-bench"
size_mb=50
seed=1
reps=3
limit=1200
tmp_root=${TMPDIR:-/tmp}
icu_sample_mb=64
runs=read,code1,code2,matrix2,cb20,cb2000,pdf
pdf_mb=20
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --size-mb) size_mb=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --tmp) tmp_root=$2; shift 2 ;;
    --icu-sample-mb) icu_sample_mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --pdf-mb) pdf_mb=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

IFS=',' read -r -a wanted <<< "$runs"
for w in "${wanted[@]}"; do
  case "$w" in
    read|code1|code2|matrix2|cb20|cb2000|pdf) ;;
    *) echo "run.sh: unknown run '$w' in --runs (read, code1, code2, matrix2, cb20, cb2000, pdf)" >&2; exit 2 ;;
  esac
done
want_generated=0 want_pdf=0
for w in "${wanted[@]}"; do
  if [ "$w" = pdf ]; then want_pdf=1; else want_generated=1; fi
done
seed_lines="$here/../tests/data/seed-2564.txt"

tool="$build/cli/supanalyze"
generate="$build/bench/supanalyze-bench-generate"
bench="$build/bench/supanalyze-bench"
for exe in "$tool" "$generate" "$bench"; do
  if [ ! -x "$exe" ]; then
    echo "run.sh: $exe is missing; build first:" >&2
    echo "  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench -j2" >&2
    exit 2
  fi
done
if grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" 2>/dev/null; then :; else
  echo "run.sh: warning: $build is not a Release build; figures will not be representative" >&2
fi

have_time=1
if [ ! -x /usr/bin/time ]; then
  have_time=0
  echo "run.sh: /usr/bin/time is missing (Debian package 'time'): wall times only, no peak memory" >&2
fi

tmp=$(mktemp -d "$tmp_root/supanalyze-bench.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# A median of numbers on standard input.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# run_timed LABEL CMD...: runs CMD (stdout discarded) and sets $wall and $cpu (user + system, s;
# 0 if unknown) and $rss (peak resident set, KiB; 0 if unknown).
run_timed() {
  local label=$1; shift
  local status=0
  if [ $have_time -eq 1 ]; then
    /usr/bin/time -v -o "$tmp/time.txt" timeout --kill-after=10 "$limit" "$@" > /dev/null 2> "$tmp/stderr.txt" || status=$?
  else
    local t0 t1
    t0=$(date +%s.%N)
    timeout --kill-after=10 "$limit" "$@" > /dev/null 2> "$tmp/stderr.txt" || status=$?
    t1=$(date +%s.%N)
  fi
  if [ $status -ne 0 ]; then
    echo "run.sh: $label failed (exit $status$([ $status -eq 124 ] && echo ", timed out after ${limit}s")):" >&2
    tail -n 5 "$tmp/stderr.txt" >&2
    [ $have_time -eq 1 ] && tail -n 3 "$tmp/time.txt" >&2
    return 1
  fi
  if [ $have_time -eq 1 ]; then
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tmp/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s+=$2} END {print s}' "$tmp/time.txt")
  else
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b-a}')
    cpu=0
    rss=0
  fi
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(date -u +%Y-%m-%dT%H:%MZ)"
# The damaged-text run: its own table, its own raw ICU figure (on the same lines).
pdf_summary=""
if [ $want_pdf -eq 1 ]; then
  echo "== damaged text: $pdf_mb MB of the seed's lines ($seed_lines), repeated"
  "$here/pdf-table.sh" "$pdf_mb" "$seed_lines" "$tmp/pdf"
  pdf_bytes=$(stat -c %s "$tmp/pdf/text.txt")
  timeout --kill-after=10 "$limit" "$bench" --text "$tmp/pdf/text.txt" --benchmark_filter='^icu_raw/per_segment' \
    --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true | tee "$tmp/pdf/bench.txt"
  pdf_icu=$(awk '/^icu-baseline-bytes-per-second/ {print $3}' "$tmp/pdf/bench.txt")
  pdf_icu_cpu=$(awk '/^icu-baseline-bytes-per-second/ {print $5}' "$tmp/pdf/bench.txt")
  if [ -z "$pdf_icu" ]; then echo "run.sh: no raw ICU figure for the damaged text" >&2; exit 1; fi
  : > "$tmp/walls"; : > "$tmp/cpus"; : > "$tmp/rsss"
  for ((r = 1; r <= reps; r++)); do
    run_timed "pdf code -j1" "$tool" code "$tmp/pdf/table.tsv" -j1 || exit 1
    echo "$wall" >> "$tmp/walls"; echo "$cpu" >> "$tmp/cpus"; echo "$rss" >> "$tmp/rsss"
    printf '   %-20s run %d: %8.2f s wall, %8.2f s CPU, peak %8.1f MiB\n' "pdf code -j1" "$r" "$wall" "$cpu" \
      "$(awk -v k="$rss" 'BEGIN {print k/1024}')"
  done
  pdf_summary=$(awk -v w="$(median < "$tmp/walls")" -v c="$(median < "$tmp/cpus")" -v p="$(sort -n "$tmp/rsss" | tail -n 1)" \
    -v b="$pdf_bytes" -v icu="$pdf_icu" -v ic="$pdf_icu_cpu" 'BEGIN {
      printf "   raw ICU on these lines: %.1f MB/s wall, %.1f MB/s CPU\n", icu/1e6, ic/1e6
      printf "   %-20s %8.2f %8.1f %7.3f", "code -j1, PDF text", w, b/w/1e6, (b/w)/icu
      if (c > 0) printf " %8.2f %8.1f %7.3f", c, b/c/1e6, (b/c)/ic; else printf " %8s %8s %7s", "-", "-", "-"
      printf " %9.1f  >= 1.5 x ICU\n", p/1024
    }')
fi
if [ $want_generated -eq 0 ]; then
  echo
  echo "== results: MB/s = 10^6 bytes of text lines per second (medians of $reps), as a ratio to raw ICU on the same lines"
  printf '   %-20s %8s %8s %7s %8s %8s %7s %9s  %s\n' "run" "wall s" "MB/s" "x ICU" "CPU s" "MB/s" "x ICU" "peak MiB" "target"
  echo "$pdf_summary"
  exit 0
fi

echo "== generating $size_mb MiB (seed $seed) in $tmp"
"$generate" --size-mb "$size_mb" --seed "$seed" -o "$tmp/corpus" --text-out "$tmp/text.txt" --codebooks
text_bytes=$(stat -c %s "$tmp/text.txt")
tsv_bytes=$(stat -c %s "$tmp/corpus/corpus.tsv")

echo "== raw ICU baseline (supanalyze-bench, icu_raw/*, $reps repetitions)"
sample="$tmp/text.txt"
if [ "$text_bytes" -gt $((icu_sample_mb * 1048576)) ]; then
  sample="$tmp/sample.txt"
  head -c $((icu_sample_mb * 1048576)) "$tmp/text.txt" | sed '$d' > "$sample"
  echo "   (on the first $icu_sample_mb MiB of the text)"
fi
timeout --kill-after=10 "$limit" "$bench" --text "$sample" --benchmark_filter='^icu_raw' \
  --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true --benchmark_enable_random_interleaving=true | tee "$tmp/bench.txt"
icu=$(awk '/^icu-baseline-bytes-per-second/ {print $3}' "$tmp/bench.txt")
icu_cpu=$(awk '/^icu-baseline-bytes-per-second/ {print $5}' "$tmp/bench.txt")
if [ -z "$icu" ]; then echo "run.sh: no raw ICU figure in the supanalyze-bench output" >&2; exit 1; fi

corpus="$tmp/corpus/corpus.tsv"
declare -a labels=() commands=()
for w in "${wanted[@]}"; do
  case "$w" in
    read) labels+=("read (corpus check)"); commands+=("corpus check $corpus") ;;
    code1) labels+=("code -j1"); commands+=("code $corpus -j1") ;;
    code2) labels+=("code -j2"); commands+=("code $corpus -j2") ;;
    matrix2) labels+=("matrix -j2"); commands+=("matrix $corpus -j2") ;;
    cb20) labels+=("code -j1, 20 terms"); commands+=("code $corpus -j1 -c $tmp/corpus/terms-20.yaml") ;;
    cb2000) labels+=("code -j1, 2000 terms"); commands+=("code $corpus -j1 -c $tmp/corpus/terms-2000.yaml") ;;
    pdf) ;; # measured above, on its own text
  esac
done
echo "== whole-process runs on $text_bytes bytes of text ($tsv_bytes bytes of TSV), $reps repetitions each"
results=()
for k in "${!labels[@]}"; do
  : > "$tmp/walls"
  : > "$tmp/cpus"
  : > "$tmp/rsss"
  for ((r = 1; r <= reps; r++)); do
    # shellcheck disable=SC2086 # the command is split into words on purpose
    run_timed "${labels[$k]}" "$tool" ${commands[$k]} || exit 1
    echo "$wall" >> "$tmp/walls"
    echo "$cpu" >> "$tmp/cpus"
    echo "$rss" >> "$tmp/rsss"
    printf '   %-20s run %d: %8.2f s wall, %8.2f s CPU, peak %8.1f MiB\n' "${labels[$k]}" "$r" "$wall" "$cpu" \
      "$(awk -v k="$rss" 'BEGIN {print k/1024}')"
  done
  results+=("${labels[$k]}|$(median < "$tmp/walls")|$(median < "$tmp/cpus")|$(sort -n "$tmp/rsss" | tail -n 1)")
done

echo
echo "== results: MB/s = 10^6 bytes of segment text per second (medians of $reps), as a ratio to raw ICU"
echo "   by wall time and, for single-threaded runs, by CPU time (user + system: what the run itself cost)"
awk -v icu="$icu" -v c="$icu_cpu" 'BEGIN {printf "   %-20s %9.1f MB/s wall, %.1f MB/s CPU (supanalyze-bench icu_raw/per_segment, median)\n", "raw ICU", icu/1e6, c/1e6}'
printf '   %-20s %8s %8s %7s %8s %8s %7s %9s  %s\n' "run" "wall s" "MB/s" "x ICU" "CPU s" "MB/s" "x ICU" "peak MiB" "target"
for line in "${results[@]}"; do
  IFS='|' read -r label w c peak <<< "$line"
  case "$label" in
    "code -j1") target=">= 0.8 x ICU" ;;
    "code -j2") target=">= 1.5 x ICU" ;;
    "matrix -j2") target="peak < 100 MiB at 1 GiB" ;;
    *) target="" ;;
  esac
  awk -v l="$label" -v w="$w" -v c="$c" -v b="$text_bytes" -v icu="$icu" -v ic="$icu_cpu" -v p="$peak" -v t="$target" \
    'BEGIN {
       printf "   %-20s %8.2f %8.1f %7.3f", l, w, b/w/1e6, (b/w)/icu
       if (c > 0 && l !~ /-j[2-9]/) printf " %8.2f %8.1f %7.3f", c, b/c/1e6, (b/c)/ic; else printf " %8s %8s %7s", (c > 0 ? sprintf("%.2f", c) : "-"), "-", "-"
       printf " %9.1f  %s\n", p/1024, t
     }'
done
if [ -n "$pdf_summary" ]; then
  echo "   (damaged text, against raw ICU on its own lines:)"
  echo "$pdf_summary"
fi
[ $have_time -eq 1 ] || echo "   (peak memory unknown: install Debian package 'time')"
# The codebook-size pair gives the same rows (checked here), so their ratio is the cost of size.
cb20_wall="" cb2000_wall=""
for line in "${results[@]}"; do
  IFS='|' read -r label w c peak <<< "$line"
  [ "$label" = "code -j1, 20 terms" ] && cb20_wall=$c
  [ "$label" = "code -j1, 2000 terms" ] && cb2000_wall=$c
done
if [ -n "$cb20_wall" ] && [ -n "$cb2000_wall" ]; then
  if cmp -s <("$tool" code "$corpus" -j1 -c "$tmp/corpus/terms-20.yaml") <("$tool" code "$corpus" -j1 -c "$tmp/corpus/terms-2000.yaml"); then
    awk -v a="$cb20_wall" -v b="$cb2000_wall" 'BEGIN {printf "   codebook size, whole code -j1 (same rows): 2000 terms take %.2fx the CPU time of 20 terms (target <= 1.25)\n", b/a}'
  else
    echo "run.sh: the 20- and 2000-term codebooks gave different rows" >&2
    exit 1
  fi
fi
