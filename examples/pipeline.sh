#!/bin/sh
# SPDX-License-Identifier: MIT
# The yearly CI job of an office: rerun the analysis of each round and fail when its results
# differ from the results committed in examples/results/, then report what moved from one
# fiscal year to the next. See examples/README.md.
#
#   sh examples/pipeline.sh                      # builds build/ first when needed
#   SUPANALYZE=build/cli/supanalyze sh examples/pipeline.sh
#
# Environment: SUPANALYZE, the binary (default: build/cli/supanalyze, built if missing);
# PIPELINE_OUT, the folder for this run's results and reports (default: ./pipeline-out).
# Exit status: 0 when every round reproduces its committed results, 1 when one changed,
# 2 on a usage or input error.
set -eu

examples=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$examples")
out=${PIPELINE_OUT:-pipeline-out}

# 1. Build if needed.
if [ -z "${SUPANALYZE:-}" ]; then
  SUPANALYZE=$root/build/cli/supanalyze
  if [ ! -x "$SUPANALYZE" ]; then
    cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release
    cmake --build "$root/build" -j2 --target supanalyze
  fi
fi

case $SUPANALYZE in /*) ;; */*) SUPANALYZE=$(pwd)/$SUPANALYZE ;; esac
mkdir -p "$out"
cd "$out" # paths in the logs below are relative to it, so two runs log the same bytes
status=0
for round in ssw3-2564 ssw3-2565; do
  # 2. Rerun the whole analysis of the round (tables + manifest.json) into a fresh folder.
  rm -rf "./$round"
  "$SUPANALYZE" run "$examples/$round.yaml" -o "$round" --quiet > "$round.sha256"

  # 3. The gate: the rerun must reproduce the committed results. An intended change (a new
  #    codebook version, a corrected transcript) is accepted by rerunning
  #    `supanalyze run examples/$round.yaml` and committing examples/results/$round/.
  set +e
  "$SUPANALYZE" diff "$examples/results/$round" "$round" --fail-on-change > "$round.diff.txt"
  code=$?
  set -e
  case $code in
    0) echo "$round: results reproduced ($(wc -l < "$round.sha256") files)" ;;
    1) echo "$round: results changed unexpectedly:"
       cat "$round.diff.txt"
       status=1 ;;
    *) exit "$code" ;;
  esac
done

# 4. What moved from 2564 to 2565 (a report, not a gate): the two corpora coded with the same
#    codebook, counted over the provinces that answered both years.
"$SUPANALYZE" diff --corpora "$root/corpora/ssw3-2564" "$examples/corpora/ssw3-2565" --common \
  --format md -o ssw3-2564-to-2565.md
"$SUPANALYZE" diff --corpora "$root/corpora/ssw3-2564" "$examples/corpora/ssw3-2565" --common \
  --format json -o ssw3-2564-to-2565.json
echo "2564 -> 2565: $(tail -n 1 ssw3-2564-to-2565.md)"
echo "reports in $out/"
exit "$status"
