#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The damaged-text input of the benchmarks: the seed's non-empty lines (PDF damage and all),
# repeated to MB megabytes, as a corpus table (question, province, text) and as the same lines
# in plain text for the raw ICU baseline. Used by run.sh and ab.sh, so both time the same input.
#
#   bench/pdf-table.sh MB SEED_LINES OUT_DIR    writes OUT_DIR/table.tsv and OUT_DIR/text.txt
set -euo pipefail
[ $# -eq 3 ] || { sed -n '7p' "$0" | sed 's/^# *//' >&2; exit 2; }
mb=$1 seed_lines=$2 out=$3
mkdir -p "$out"
LC_ALL=C awk -v target=$((mb * 1000000)) -v text="$out/text.txt" '
  { lines[NR] = $0 }
  END {
    print "question\tprovince\ttext"
    n = 0; bytes = 0
    while (bytes < target)
      for (i = 1; i <= NR && bytes < target; i++) {
        if (lines[i] ~ /^[[:space:]]*$/) continue
        printf "Q%02d\tP%02d\t%s\n", n % 25 + 1, int(n / 25) % 8 + 1, lines[i]
        print lines[i] > text
        n++; bytes += length(lines[i]) + 1
      }
  }' "$seed_lines" > "$out/table.tsv"
