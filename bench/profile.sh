#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Where the time goes, without the noise of a shared machine (bench/README.md): counts the
# instructions (valgrind --tool=callgrind) that raw ICU word breaking, `corpus check` (reading
# only) and `code -j1` spend per byte of the same small generated corpus, prints each as a ratio
# to raw ICU, and lists the functions of `code` that cost most. Instructions are not time (ICU's
# dictionary lookups miss caches more than our loops), but they do not depend on neighbours,
# so a change shows up even in a single run. Stops by itself; removes its temporary files.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash bench/profile.sh [--build DIR] [--size-mb N] [--top N] [--keep DIR]
  --build DIR   build folder with the binaries (default: build-bench beside bench/); a
                RelWithDebInfo build gives file:line names, a Release build function names
  --size-mb N   MiB of text to generate (default 2; callgrind runs ~50x slower than native)
  --top N       functions of `code -j1` to list, by inclusive instructions (default 40)
  --keep DIR    keep the callgrind outputs in DIR (for callgrind_annotate or kcachegrind)
Example:
  bash bench/profile.sh --size-mb 2 --top 30
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build="$here/../build-bench"
size_mb=2
top=40
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --size-mb) size_mb=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "profile.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
command -v valgrind > /dev/null || { echo "profile.sh: valgrind is missing (Debian package 'valgrind')" >&2; exit 2; }
tool="$build/cli/supanalyze"
generate="$build/bench/supanalyze-bench-generate"
bench="$build/bench/supanalyze-bench"
for exe in "$tool" "$generate" "$bench"; do
  [ -x "$exe" ] || { echo "profile.sh: $exe is missing; build first (see bench/README.md)" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/supanalyze-profile.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
limit=1800

"$generate" --size-mb "$size_mb" -o "$tmp/corpus" --text-out "$tmp/text.txt"
bytes=$(stat -c %s "$tmp/text.txt")

# grind NAME CMD...: callgrind output in $tmp/NAME.out (program output discarded).
grind() {
  local name=$1; shift
  echo "   callgrind: $name" >&2
  timeout --kill-after=10 "$limit" valgrind --tool=callgrind --callgrind-out-file="$tmp/$name.out" "$@" \
    > /dev/null 2> "$tmp/$name.err" || { echo "profile.sh: $name failed:" >&2; tail -n 5 "$tmp/$name.err" >&2; exit 1; }
}
total() { awk '/^summary:/ {print $2}' "$1"; }
# Inclusive instructions of the first function whose name matches the regular expression $2.
# (awk reads to the end: stopping early would end callgrind_annotate with SIGPIPE, which pipefail
# turns into a failure of the script.)
inclusive() { callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v re="$2" '!found && $0 ~ re {gsub(",", "", $1); print $1; found = 1}'; }

grind icu "$bench" --text "$tmp/text.txt" --benchmark_filter='^icu_raw/per_segment' --benchmark_min_time=0.000000001
grind read "$tool" corpus check "$tmp/corpus/corpus.tsv"
grind code "$tool" code "$tmp/corpus/corpus.tsv" -j1

icu=$(inclusive "$tmp/icu.out" 'bm_icu_per_segment')
read_ir=$(total "$tmp/read.out")
code_ir=$(total "$tmp/code.out")
[ -n "$icu" ] || { echo "profile.sh: no bm_icu_per_segment in the callgrind output" >&2; exit 1; }

echo
echo "== instructions per byte of text ($bytes bytes; whole processes include start-up)"
printf '   %-22s %14s %10s %10s\n' "" "instructions" "per byte" "x ICU"
for row in "raw ICU (per segment)|$icu" "read (corpus check)|$read_ir" "code -j1|$code_ir"; do
  IFS='|' read -r label ir <<< "$row"
  awk -v l="$label" -v ir="$ir" -v b="$bytes" -v icu="$icu" \
    'BEGIN {printf "   %-22s %14.0f %10.1f %10.3f\n", l, ir, ir/b, icu/ir}'
done
echo "   (x ICU = raw ICU's instructions / the run's: the throughput ratio if instructions were time)"
echo
echo "== code -j1: the $top most costly functions, inclusive (% of all its instructions)"
callgrind_annotate --inclusive=yes "$tmp/code.out" 2>/dev/null | awk '/^-+$/ {n++; next} n >= 3 && NF' |
  grep -v -E '^Ir *$|file:function|\?\?\?:0x|ld-linux|libc-start|\(below main\)|CLI/App.hpp|std_function.h|invoke.h|run_callback' |
  sed -E 's/ \[[^]]*\]$//; s/\(([^()]|\([^()]*\))*\)( const)?$//' | cut -c1-150 | awk -v n="$top" 'NR <= n'
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  cp "$tmp"/*.out "$keep"/
  echo "== callgrind outputs kept in $keep"
fi
